/**
 * The jscodeshift entry point, CommonJS so that `jscodeshift -t` can load it:
 *
 *   npx jscodeshift -t $(node -p "require.resolve('gpt-image-migrate/jscodeshift')") \
 *     --extensions=ts,tsx,js,jsx --parser=tsx src/
 *
 * Built to `dist/transforms/jscodeshift.cjs` (package export
 * `gpt-image-migrate/jscodeshift`); it `require()`s the ESM engine, which
 * Node >= 20.19 supports. The logic is in `jscodeshift-transform.ts`.
 */
leaveBabelRegister();

import jscodeshiftTransform = require('./jscodeshift-transform.js');

export = jscodeshiftTransform.transform;

/**
 * Unless run with `--no-babel`, jscodeshift installs @babel/register before
 * it loads a transform, and Babel then compiles every CommonJS module loaded
 * after it, in node_modules too: the ESM engine would be turned into
 * CommonJS that Node still runs as ESM, and ts-morph (class static blocks)
 * does not compile at all. This file is plain CommonJS that needs no
 * compiling, so the hook is taken out of this (worker) process before the
 * engine loads.
 */
function leaveBabelRegister(): void {
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (!/[\\/]@babel[\\/]register[\\/]lib[\\/]index\.c?js$/.test(file)) continue;
    const revert = (loaded?.exports as { revert?: unknown } | undefined)?.revert;
    if (typeof revert === 'function') revert();
  }
}
