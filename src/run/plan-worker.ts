/**
 * The worker thread's entry point (a piscina task): plans a batch of files
 * and returns their outcomes, in order, as plain data. The thread starts
 * loading its JS/TS transform (the parser its lane was started for,
 * piscina's `workerData`) as soon as it starts, before its first batch.
 */
import { createRequire } from 'node:module';
import { loadJsTransform, planBatch, type JsParser, type PlanBatch, type PlanOutcome } from './plan-file.js';

const { workerData } = createRequire(import.meta.url)('piscina') as { workerData?: { parser?: JsParser } };
// a failure to load is recorded: each JS/TS file of a batch gets it as its error message
void loadJsTransform(workerData?.parser ?? 'oxc');

export default function planWorker(batch: PlanBatch): Promise<PlanOutcome[]> {
  return planBatch(batch);
}
