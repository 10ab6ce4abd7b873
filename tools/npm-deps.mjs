// The npm packages the tools need (playwright-core, binaryen, jpeg-js, …), installed
// on first use: `npm start`, `npm test` and the rest work on a fresh clone. This
// module imports nothing from npm itself, so it can run before they are there.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureNpmDependencies() {
  const installed = join(repo, 'node_modules', '.package-lock.json');
  const lock = join(repo, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('\n▶ npm ci (node_modules missing or older than package-lock.json)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci exited with ${result.status}`);
}
