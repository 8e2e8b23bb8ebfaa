#!/usr/bin/env node
// `gpt-image-migrate audit | head`: a reader that goes away ends the output, not the run
// (a fix still writes every file it planned), and no stack trace is printed.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { main } = await import('../dist/src/cli.js');

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
