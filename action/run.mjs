#!/usr/bin/env node
// The step of the GitHub Action (../action.yml). It finds gpt-image-migrate and
// runs its action entry point (src/github-action.ts) with the step's environment:
//   - this checkout's build, when there is one (`uses: ./` after `npm ci`, and the tests);
//   - else the published npm package of this action's own version (package.json),
//     installed once into $RUNNER_TEMP: a tag of the action runs the release of that tag.
// Plain JavaScript with no dependency, because the action's checkout has no node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const actionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = 'dist/src/github-action.js';

function locate() {
  const local = path.join(actionRoot, ENTRY);
  if (existsSync(local)) return local;
  const { name, version } = JSON.parse(readFileSync(path.join(actionRoot, 'package.json'), 'utf8'));
  const prefix = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `${name}-action-${version}`);
  const installed = path.join(prefix, 'node_modules', name, ENTRY);
  if (existsSync(installed)) return installed;
  const spec = `${name}@${version}`;
  console.log(`Installing ${spec} from npm into ${prefix}`);
  const npm = spawnSync('npm', ['install', '--prefix', prefix, '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', spec], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (npm.status !== 0 || !existsSync(installed)) {
    const why = npm.error ? npm.error.message : `npm exited with ${npm.status ?? npm.signal}`;
    console.log(`::error::gpt-image-migrate: could not install ${spec} (${why}). The runner needs Node >= 20.19 with npm (actions/setup-node) and access to the npm registry.`);
    process.exit(4);
  }
  return installed;
}

const { runAction } = await import(pathToFileURL(locate()).href);
process.exitCode = await runAction(process.env, { stdout: process.stdout, stderr: process.stderr });
