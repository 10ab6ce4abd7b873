// `npm test`: every check, in the order that fails fastest.
//
//   rustfmt → clippy (native core, then the wasm boundary) → cargo test (native,
//   on the pinned nightly, without build-std: fast) → the wasm build → browser tests
//   (Playwright driving headless Chromium against the dev server) → the bench,
//   each measure once (`bench/run.mjs --quick`: that it runs, not how fast).
//
// Works on a fresh clone: installs the npm dependencies and, through the build,
// the pinned nightly and the wasm-bindgen CLI when they are missing.

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDependencies } from './npm-deps.mjs';
import { chromiumPath } from '../tests/browser/chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

function run(title, command, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${title}: exited with ${result.status}`);
}

const WASM = ['--target', 'wasm32-unknown-unknown', '-Z', 'build-std=panic_abort,std'];

try {
  ensureNpmDependencies();
  // Imported only now: the build needs npm packages the line above installs.
  const { dist } = await import('./dist.mjs');
  // Find the browser before the long steps, so a missing one is said at once.
  const browser = chromiumPath();
  // Everything runs on the toolchain rust-toolchain.toml pins (Ruff's parser needs a
  // newer rustc than the machine's stable): install it first.
  run('rustup toolchain install (rust-toolchain.toml)', 'rustup', ['toolchain', 'install']);
  run('rustfmt', 'cargo', ['fmt', '--all', '--check']);
  run('clippy (native core and tests)', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']);
  run('clippy (wasm32: the web boundary, threaded)', 'cargo', ['clippy', '--release', ...WASM, '--', '-D', 'warnings']);
  run('clippy (wasm32: single-threaded build)', 'cargo', ['clippy', '--release', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--target-dir', 'target/single', '--', '-D', 'warnings'], {
    env: { ...process.env, RUSTFLAGS: '-Z location-detail=none -Z fmt-debug=none' },
  });
  run('cargo test (native, real OS threads)', 'cargo', ['test']);
  // The release build (wasm-opt included) and dist/: test what ships.
  await dist();
  // The threaded module with test hooks, for the tests that make a thread panic or
  // check the UI thread never blocks (served in place of pkg/ to those tests only).
  const { buildTestHooks } = await import('./build.mjs');
  await buildTestHooks();
  run('node tests (dev server, headers, page logic)', process.execPath, ['--test', 'tests/node/']);
  run('browser tests (Chromium at ' + browser + ')', process.execPath, ['--test', '--test-concurrency=1', 'tests/browser/'], {
    env: { ...process.env, CHROMIUM_PATH: browser },
  });
  // Nothing else runs the bench, and a bench nobody runs rots: run it quickly, on the
  // release build made above. No timing is asserted (a shared 2-core machine is
  // noisy); the run id tells this run's results.json from an older one.
  const runId = randomUUID();
  run('bench --quick (completes and writes bench/results.json)', process.execPath, ['bench/run.mjs', '--quick', '--no-build'], {
    env: { ...process.env, CHROMIUM_PATH: browser, BENCH_RUN_ID: runId },
  });
  let results = null;
  try {
    results = JSON.parse(readFileSync(join(repo, 'bench', 'results.json'), 'utf8'));
  } catch (error) {
    throw new Error(`bench --quick: bench/results.json unreadable: ${error.message}`);
  }
  if (results.runId !== runId || results.quick !== true || !results.rows?.length) {
    throw new Error('bench --quick: bench/results.json was not written by this run');
  }
  console.log('\n✔ all checks passed');
} catch (error) {
  console.error(`\n✘ ${error.message}`);
  process.exit(1);
}
