/**
 * Before any test file runs: build dist/ once for the tests that run the
 * real binaries, so no test builds, waits on another's build or holds a lock.
 */
import { buildDist } from './dist.js';

export default function setup(): void {
  buildDist();
}
