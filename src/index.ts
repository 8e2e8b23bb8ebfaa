/** Programmatic API: the catalog, the engine and the runner. */
export * from './catalog/index.js';
export { planTree, planNonCode, applyPlan, editsOf, mayContainMatch, isCodeFile, type Finding } from './engine.js';
export { buildView, type FileView, type ImageRequest, type IdOccurrence } from './analysis/view.js';
export { fromEstree } from './syntax/from-estree.js';
export { fromTypeScript } from './syntax/from-typescript.js';
export { run, type RunOptions, type RunResult } from './run/runner.js';
export type { Report, ReportFinding } from './report/model.js';
export { main } from './cli.js';
