/**
 * Preloaded (`node --require`) into the CLI by test/kill.test.ts: after
 * $PAUSE_AFTER_RENAMES completed renames, the next one (write-file-atomic's
 * rename of a temporary file, written and synced, over its target) is not
 * made: the process reports "paused <n>" on file descriptor 3 and freezes, so
 * the test kills it at a point it knows, not at whatever point a poll sees.
 */
'use strict';
const fs = require('node:fs');

const limit = Number(process.env.PAUSE_AFTER_RENAMES);
let started = 0;
const rename = fs.rename;
fs.rename = function pausingRename(from, to, callback) {
  if (started === limit) {
    fs.writeSync(3, `paused ${started}\n`);
    // freeze this thread for good: only SIGKILL ends it
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  started++;
  return rename.call(this, from, to, callback);
};
