/**
 * The worker thread's entry point (a piscina task): plans a batch of files
 * and returns their outcomes, in order, as plain data.
 */
import { planBatch, type PlanBatch, type PlanOutcome } from './plan-file.js';

export default function planWorker(batch: PlanBatch): Promise<PlanOutcome[]> {
  return planBatch(batch);
}
