// What the page loads before its first run, file by file, gzipped: the bench's size
// row (bench/run.mjs, `size`) without the wasm, so that the page's own JS, CSS and
// HTML can be held to a budget (issue #12: the editor may add at most 10 KB gzip to
// the first load). The page is opened in headless Chromium at the bench's URL, a
// listing's first run, and every resource it fetched up to the end of that run is
// counted, each file gzipped on its own (level 9), as the bench does.
//
//   node tools/first-load.mjs                  # the worktree's www/
//   node tools/first-load.mjs --at 2799976     # www/ as it was at a commit (history
//                                              # is only read: git archive into a temp folder)
//   node tools/first-load.mjs --since 2799976  # both, and the growth against the budget:
//                                              # exits 1 past BUDGET
//
// Both use the worktree's built pkg/ (the wasm and its JS glue), so two measures
// differ only by www/. Not counted: the wasm (`.wasm`), and the editor's bundle
// (pkg-editor/), which loads only when the code is first focused. The wasm's JS glue
// (pkg/*.js) is counted, and also shown apart.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { FOLDERS, fileFor, serve } from './serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/browser/chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
/** What the page's own first load may grow by since the editor's work began (issue #12). */
export const BUDGET = 10 * 1024;
/** The bench's size row opens this: a listing, run at once. */
export const FIRST_RUN = '?scenario=threads&secs=0.01&autorun=1';

/** Whether the bench's size row counts `path` (JS, CSS, HTML, SVG), less the wasm and the editor. */
const counted = (path) => /\.(js|css|html|svg)$|\/$/.test(path) && !path.startsWith('/pkg-editor/');

/**
 * Opens the page served from `www` at its first run and returns what it loaded:
 * `{ files: [{ path, gzip, raw }], gzip, raw, page: { gzip, raw } }` where `page` is
 * www/'s files alone (no pkg/ glue).
 */
export async function firstLoad(www = join(repo, 'www')) {
  const { server, url } = await serve({ port: 0, folders: { ...FOLDERS, '/': www } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(new URL(FIRST_RUN, url).href);
    await page.waitForFunction(() => document.getElementById('app')?.dataset.state === 'done', null, { timeout: 30_000 });
    const paths = await page.evaluate(() => [location.pathname, ...performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)]);
    if (errors.length) throw new Error(`the page reported errors:\n  ${errors.join('\n  ')}`);
    const folders = { ...FOLDERS, '/': www };
    const files = [...new Set(paths)].filter(counted).map((path) => {
      const bytes = readFileSync(fileFor(path, folders));
      return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
    const own = files.filter((file) => !/^\/pkg(-single)?\//.test(file.path));
    return { files, gzip: sum(files, 'gzip'), raw: sum(files, 'raw'), page: { gzip: sum(own, 'gzip'), raw: sum(own, 'raw') } };
  } finally {
    await browser.close();
    server.close();
  }
}

/** www/ as it was at `commit`, in a temp folder (the caller removes it). */
function wwwAt(commit) {
  const dir = mkdtempSync(join(tmpdir(), 'potoki-www-'));
  const tar = execFileSync('git', ['archive', commit, 'www'], { cwd: repo, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return dir;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

/** Measures www/ at `commit` (null: the worktree's). */
async function measureAt(commit) {
  const temp = commit ? wwwAt(commit) : null;
  try {
    return await firstLoad(temp ? join(temp, 'www') : undefined);
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

function report(load, commit) {
  for (const file of load.files.sort((a, b) => b.gzip - a.gzip)) console.log(`${kb(file.gzip).padStart(6)} KB  ${file.path}`);
  console.log(`\nfirst load${commit ? ` at ${commit}` : ''}: ${load.files.length} files`);
  console.log(`  www/ (the page's own JS, CSS, HTML): ${kb(load.page.gzip)} KB gzip (${load.page.gzip} B), ${kb(load.page.raw)} KB raw`);
  console.log(`  with the wasm's JS glue (pkg/*.js):  ${kb(load.gzip)} KB gzip, ${kb(load.raw)} KB raw`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
  const since = option('--since');
  const commit = option('--at');
  const load = await measureAt(commit);
  report(load, commit);
  if (since) {
    const before = await measureAt(since);
    const growth = load.page.gzip - before.page.gzip;
    console.log(`\nat ${since}: ${kb(before.page.gzip)} KB gzip (${before.page.gzip} B), ${before.files.length} files`);
    console.log(`growth: ${growth >= 0 ? '+' : ''}${kb(growth)} KB gzip (${growth} B); budget ${kb(BUDGET)} KB: ${growth <= BUDGET ? 'within' : 'OVER'}`);
    if (growth > BUDGET) process.exitCode = 1;
  }
}
