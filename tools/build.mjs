// Builds the two wasm modules: pkg/ (real threads: Web Workers sharing memory) and
// pkg-single/ (the same source without threads, for pages that may not share memory),
// and the code editor's bundle, pkg-editor/ (tools/build-editor.mjs, CodeMirror).
//
//   node tools/build.mjs             # what `npm start` uses
//   node tools/build.mjs --release   # also shrinks them with wasm-opt (test, dist, bench)
//   node tools/build.mjs --test-hooks  # only pkg-test/: the threaded module with the
//                                      # `test-hooks` feature, for the browser tests
//
// Steps: the pinned nightly (rustup auto-install is off on some machines), cargo
// (for the threaded module with std rebuilt for atomics), the wasm-bindgen CLI of
// exactly the crate's version (installed once per machine, outside the repo, when
// missing), then a check that the threaded module imports a shared memory.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEditor } from './build-editor.mjs';
import { importedMemory } from './wasm-memory.mjs';
import { ensureNpmDependencies } from './npm-deps.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
function step(title) {
  console.log(`\n▶ ${title}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function output(command, args, options = {}) {
  try {
    return execFileSync(command, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], ...options }).trim();
  } catch {
    return null;
  }
}

/** The wasm-bindgen version Cargo.lock resolved: the CLI must be exactly this one. */
export function lockedWasmBindgen() {
  const lock = readFileSync(join(repo, 'Cargo.lock'), 'utf8');
  const match = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!match) throw new Error('Cargo.lock has no wasm-bindgen entry; run `cargo generate-lockfile`');
  return match[1];
}

function ensureWasmBindgenCli(version) {
  const found = output('wasm-bindgen', ['--version']);
  if (found === `wasm-bindgen ${version}`) return;
  step(`installing wasm-bindgen-cli ${version} (found: ${found ?? 'none'}; once per machine, ~3 min)`);
  // From a neutral folder so the repo's nightly pin does not apply; `--locked`
  // fails against our registry mirror, so it is left out.
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', version, '--force'], { cwd: tmpdir() });
  const now = output('wasm-bindgen', ['--version']);
  if (now !== `wasm-bindgen ${version}`) {
    throw new Error(`wasm-bindgen on PATH is "${now}" after installing ${version}: is ~/.cargo/bin on PATH?`);
  }
}

function wasmOpt(file) {
  const bin = join(repo, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  if (!existsSync(bin)) throw new Error('wasm-opt missing: run `npm install` (the npm binaryen package)');
  // The npm binaryen, not Debian's 108, which breaks threaded modules.
  run(process.execPath, [bin, file, '-o', file, '-Os', '--enable-threads', '--enable-bulk-memory',
    '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-reference-types', '--enable-multivalue']);
}

/** The two builds: where cargo puts each, and how it is made. */
const BUILDS = [
  {
    out: 'pkg',
    title: 'threads: std rebuilt with atomics, shared memory',
    cargo: ['-Z', 'build-std=panic_abort,std'],
    wasm: 'target/wasm32-unknown-unknown/release/potoki.wasm',
    env: {},
  },
  {
    out: 'pkg-single',
    title: 'single thread: no atomics, for pages that may not share memory',
    cargo: ['--no-default-features', '--target-dir', 'target/single'],
    wasm: 'target/single/wasm32-unknown-unknown/release/potoki.wasm',
    // RUSTFLAGS, when set, replaces the flags of .cargo/config.toml for this build
    // only: no atomics, no shared memory; the size flags stay.
    env: { RUSTFLAGS: '-Z location-detail=none -Z fmt-debug=none' },
  },
];

/**
 * The threaded module with test hooks (a thread made to panic; a panic on any
 * blocking lock on the UI thread), for the browser tests that need them. Never in
 * pkg/ or dist/: the tests serve it in place of pkg/ (tests/browser/fixture.mjs).
 */
const TEST_BUILD = {
  out: 'pkg-test',
  title: 'threads with test hooks, for the browser tests only',
  cargo: ['-Z', 'build-std=panic_abort,std', '--features', 'test-hooks'],
  wasm: 'target/wasm32-unknown-unknown/release/potoki.wasm',
  env: {},
};

/** Builds pkg/, pkg-single/ and pkg-editor/; `release` also shrinks the wasm with wasm-opt. */
export async function build({ release = false } = {}) {
  await buildAll(BUILDS, { release });
  step('the code editor (esbuild: CodeMirror → pkg-editor/)');
  await buildEditor();
}

/** Builds pkg-test/ (see TEST_BUILD). */
export async function buildTestHooks() {
  await buildAll([TEST_BUILD], { release: false });
}

async function buildAll(builds, { release }) {
  ensureNpmDependencies();
  step('Rust toolchain (rust-toolchain.toml)');
  run('rustup', ['toolchain', 'install']);

  const version = lockedWasmBindgen();
  for (const b of builds) {
    step(`cargo build → ${b.out}/ (${b.title})`);
    run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', ...b.cargo], {
      env: { ...process.env, ...b.env },
    });
    ensureWasmBindgenCli(version);
    rmSync(join(repo, b.out), { recursive: true, force: true });
    run('wasm-bindgen', ['--target', 'web', '--out-dir', b.out, b.wasm]);
    if (release) {
      step(`wasm-opt -Os ${b.out}/`);
      wasmOpt(join(repo, b.out, 'potoki_bg.wasm'));
    }
  }

  step('sample images (www/images/, made once)');
  const { makeImages } = await import('./make-images.mjs');
  makeImages();

  const threaded = builds[0].out;
  // What ships has no test hooks (the `test-hooks` feature builds pkg-test/ only).
  if (threaded === 'pkg' && /ForTests/.test(readFileSync(join(repo, 'pkg', 'potoki.js'), 'utf8'))) {
    throw new Error('pkg/potoki.js exports a test hook (…ForTests): it must be built without the test-hooks feature');
  }
  const wasm = join(repo, threaded, 'potoki_bg.wasm');
  const memory = importedMemory(readFileSync(wasm));
  if (!memory?.shared) {
    throw new Error(
      `${threaded}/potoki_bg.wasm does not import a shared memory, so the pool would fail with ` +
        '"DataCloneError: #<Memory> could not be cloned". Check the link args in .cargo/config.toml.',
    );
  }
  // 384 MiB from the start (.cargo/config.toml says why: growing a shared memory
  // while threads run is what traps in V8).
  if (memory.min * 64 < 384 * 1024) {
    throw new Error(
      `${threaded}/potoki_bg.wasm starts with ${memory.min * 64} KiB of memory, not 384 MiB: runs would grow the ` +
        'shared memory, and a worker copying into memory another one just grew traps. Check --initial-memory in .cargo/config.toml.',
    );
  }
  console.log(`\n✔ ${threaded}/ built: shared memory ${memory.module}.${memory.name}, initial ${memory.min * 64} KiB, max ${memory.max * 64} KiB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = process.argv.includes('--test-hooks') ? buildTestHooks() : build({ release: process.argv.includes('--release') });
  built.catch((error) => {
    console.error(`\n✘ build failed: ${error.message}`);
    process.exit(1);
  });
}
