#!/usr/bin/env node
import { closePrestartedPlanner, prestartPlanner } from '../dist/src/run/planner-thread.js';

// Before the CLI loads: for `audit` and `fix`, a planner thread starts loading
// TypeScript (its largest fixed cost) while the CLI parses its arguments and
// walks the repository.
prestartPlanner(process.argv.slice(2));
// `gpt-image-migrate audit | head`: a reader that goes away ends the output, not the run
// (a fix still writes every file it planned), and no stack trace is printed.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { main } = await import('../dist/src/cli.js');

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
// unused when the command failed before it ran (a usage error): do not wait for it to load
await closePrestartedPlanner();
