// `npm run bench`: where potoki stands against its peers, on this machine, in one run.
//
// Drives headless Chromium against the release build (wasm-opt) and prints a table
// (median, p99, runs) with the peers side by side — CPython's ThreadPoolExecutor
// running the lesson's own code, and a plain-JS pool of Web Workers talking by
// postMessage — then writes bench/results.json. The full run is not part of `npm test`.
//
//   npm run bench                      # the full run, ~2 min after the build
//   npm run bench -- --quick           # every measure once or twice: a smoke test of
//                                      # the bench itself (`npm test` runs it), < 60 s
//   node bench/run.mjs --quick --no-build   # pkg/ and pkg-single/ already built (release)
//
// The page is measured as served, under its Content-Security-Policy (no eval): the
// measures that run in the page are a module, bench/in-page.js, that the page
// imports from /bench/. Any page error or console error fails the bench, as does a
// measure that measured nothing: nothing runs the full bench often, so it must not
// rot quietly.

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from '../tools/build.mjs';
import { FOLDERS, fileFor, serve } from '../tools/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/browser/chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const FLAGS = ['--quick', '--no-build'];
const unknown = process.argv.slice(2).filter((arg) => !FLAGS.includes(arg));
if (unknown.length) {
  console.error(`bench: unknown argument ${unknown.join(' ')} (known: ${FLAGS.join(' ')})`);
  process.exit(2);
}
const QUICK = process.argv.includes('--quick');
const NO_BUILD = process.argv.includes('--no-build');
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 7));
/** How often each measure repeats. --quick takes the same code paths, each once (or
 *  at the fewest that still exercise it), so that it checks the bench, not the
 *  numbers. */
const REPS = QUICK
  ? { latency: 1, fidelity: 1, downloads: 1, startup: 1, startupThreads: [16], smoothness: 1, python: 1 }
  : { latency: 3, fidelity: 4, downloads: 5, startup: 4, startupThreads: [4, 8, 16, 32], smoothness: 3, python: 4 };
const SCALE = 0.2;
const started = Date.now();
// A bench that stops making progress fails, saying where it was, rather than hang
// whatever runs it (`npm test` runs the quick one).
const WATCHDOG_S = QUICK ? 600 : 3600;
setTimeout(() => {
  console.error(`bench failed: no end after ${WATCHDOG_S} s (the last step logged above is where it stopped)`);
  process.exit(1);
}, WATCHDOG_S * 1000).unref();

/** The listings with sleeps scaled to 0.2 s, and their ideal wall times. */
const FIDELITY = [
  { scenario: 'sequential', secs: [1, 1, 1, 1, 1], ideal: 5 },
  { scenario: 'threads_no_join', secs: [1, 1], ideal: 1 },
  { scenario: 'threads_join_in_loop', secs: [1, 1, 1, 1, 1], ideal: 5 },
  { scenario: 'threads', secs: [1, 1, 1, 1, 1], ideal: 1 },
  { scenario: 'pool_submit', secs: [5, 4, 3, 2, 1], ideal: 5 },
  { scenario: 'pool_as_completed', secs: [5, 4, 3, 2, 1], ideal: 5 },
  { scenario: 'pool_map', secs: [5, 4, 3, 2, 1], ideal: 5 },
].map((c) => ({ scenario: c.scenario, secs: c.secs.map((s) => s * SCALE), idealMs: c.ideal * SCALE * 1000 }));

const IMAGES = ['paw-1394447.jpg', 'my-beloved-mountains-2-1375135.jpg', 'doggy-1382866.jpg', 'my-puppy-maggie-1362787.jpg',
  'koldalen-4-1384902.jpg', 'barcalona-airport-arrival-1240880.jpg', 'snare-drum-second-take-1-1564542.jpg',
  'the-black-swan-1367551.jpg', 'beach-1364350.jpg', 'indian-heads-1391201.jpg', 'vale-da-lua-2-1401161.jpg',
  'can-t-look-over-1312680.jpg'].map((name) => `images/${name}?delay=300`);

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p99: at(0.99), runs: sorted.length };
}

function log(text) {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`);
}

/**
 * Runs the export `name` of bench/in-page.js in the page, as `fn(pg, args)` where
 * `pg` is the page's playground. The page imports the module itself: a function
 * handed over by Playwright is fine under the page's CSP, code built from strings
 * in the page (`new Function`) is not.
 */
function inPage(page, name, args) {
  return page.evaluate(
    async ({ name, args }) => {
      const measures = await import('/bench/in-page.js');
      const { createPlayground } = await import('/potoki.js');
      return measures[name](await createPlayground(), args);
    },
    { name, args },
  );
}

/** Every page error and console error of the bench's pages; any one fails the bench. */
const pageErrors = [];

/** A new context and page, its errors collected into `pageErrors`. */
async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  return { context, page };
}

function checkPages(step) {
  if (pageErrors.length) {
    throw Object.assign(new Error(`the page reported errors (${step}):\n  ${pageErrors.join('\n  ')}`), { saysPageErrors: true });
  }
}

async function startup(browser, url, threads) {
  const ui = [];
  const ready = [];
  for (let r = 0; r < REPS.startup; r++) {
    const { context, page } = await openPage(browser);
    await page.goto(`${url}?threads=${threads}`);
    await page.waitForFunction(() => performance.getEntriesByName('potoki:ready').length > 0, null, { timeout: 30_000 });
    const marks = await page.evaluate(() => ({
      ui: performance.getEntriesByName('potoki:ui')[0].startTime,
      ready: performance.getEntriesByName('potoki:ready')[0].startTime,
    }));
    ui.push(marks.ui);
    ready.push(marks.ready);
    await context.close();
  }
  return { ui, ready };
}

async function smoothness(browser, url) {
  const longest = [];
  for (let r = 0; r < REPS.smoothness; r++) {
    const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      // Long animation frames: every stretch the UI thread could not draw, scripts,
      // style, layout and paint together (the 'longtask' entries stay empty in
      // headless Chromium here).
      window.__longTasks = [];
      const keep = (list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })));
      new PerformanceObserver(keep).observe({ type: 'long-animation-frame', buffered: true });
      new PerformanceObserver(keep).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${url}?scenario=pool_as_completed&workers=8&lang=ru`);
    await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready', null, { timeout: 30_000 });
    // Typed into the form: ten thousand zeros are too long for a URL.
    await page.fill('#secs', Array(10000).fill(0).join(','));
    const from = await page.evaluate(() => performance.now());
    await page.click('#run');
    await page.waitForFunction(() => document.getElementById('app').dataset.state !== 'running', null, { timeout: 60_000 });
    const status = await page.textContent('#status');
    if ((await page.$eval('#app', (app) => app.dataset.state)) !== 'done') throw new Error(`the 10,000-task run failed: ${status}`);
    await page.waitForTimeout(300);
    const tasks = await page.evaluate((from) => window.__longTasks.filter((t) => t.start >= from), from);
    longest.push(Math.max(0, ...tasks.map((t) => t.ms)));
    await context.close();
  }
  return longest;
}

/** Bytes of wasm + JS + CSS + HTML the page loads to its first run, gzipped. */
async function size(browser, url) {
  const { context, page } = await openPage(browser);
  await page.goto(`${url}?scenario=threads&secs=0.01&autorun=1`);
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'done', null, { timeout: 30_000 });
  const paths = await page.evaluate(() => [location.pathname, ...performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)]);
  await context.close();
  let gzip = 0;
  let raw = 0;
  for (const path of new Set(paths)) {
    if (!/\.(js|wasm|css|html|svg)$|\/$/.test(path)) continue;
    const file = fileFor(path);
    if (!file) continue;
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { gzip, raw, files: new Set(paths).size };
}

/** The CPython peer's numbers; null when there is no python3 (the table then says
 *  so). A peer that is there and fails fails the bench. */
function cpython() {
  let out;
  try {
    out = execFileSync('python3', [join(repo, 'bench', 'cpython_peer.py'), String(REPS.python), JSON.stringify(FIDELITY)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  } catch (error) {
    if (error.code !== 'ENOENT') throw new Error(`CPython peer failed: ${error.message}`);
    log('no python3: the CPython peer is left out');
    return null;
  }
  return JSON.parse(out);
}

const fmt = (ms) => (ms === undefined || ms === null ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** The bench's Python programs (bench/python/): their source, and CPython's numbers
 *  for them, `reps` runs of `python3 file` (null without python3). */
function pythonProgram(name, reps) {
  const file = join(repo, 'bench', 'python', `${name}.py`);
  const code = readFileSync(file, 'utf8');
  let peer = null;
  try {
    peer = [];
    for (let r = 0; r < reps; r++) {
      const out = execFileSync('python3', [file], { encoding: 'utf8' }).trim().split('\n').at(-1);
      peer.push(Number(out));
    }
  } catch (error) {
    if (error.code !== 'ENOENT') throw new Error(`CPython on bench/python/${name}.py failed: ${error.message}`);
    peer = null;
  }
  return { code, peer };
}

/** pkg/ and pkg-single/ as the release build leaves them, for --no-build. */
function checkBuilt() {
  for (const out of ['pkg', 'pkg-single']) {
    for (const file of ['potoki.js', 'potoki_bg.wasm']) {
      if (!existsSync(join(repo, out, file))) throw new Error(`--no-build, but ${out}/${file} is missing: run \`npm run build:release\` first`);
    }
  }
}

async function main() {
  if (NO_BUILD) {
    checkBuilt();
  } else {
    log('release build (wasm-opt)…');
    await build({ release: true });
  }
  // The build is not part of the bench's time: the two are said apart.
  const buildS = (Date.now() - started) / 1000;
  const benchStarted = Date.now();
  log(`${QUICK ? 'quick bench (--quick: each measure once; the numbers are not for comparing)' : 'bench'}…`);
  // After the build, which installs the npm packages on a fresh clone.
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve({ port: 0, folders: { ...FOLDERS, '/bench/': join(repo, 'bench') } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const rows = [];
  // A measure with no numbers, or a NaN among them, is the bench rotting: it fails.
  const numbers = (what, values) => {
    if (!Array.isArray(values) || values.length === 0 || !values.every(Number.isFinite)) {
      throw new Error(`${what}: measured nothing usable (${JSON.stringify(values)?.slice(0, 200)})`);
    }
    return values;
  };
  const row = (measure, unit, values, peer, peerValues, target) => {
    const mine = stats(numbers(measure, values));
    const theirs = peerValues ? stats(numbers(`${measure}, ${peer}`, peerValues)) : null;
    rows.push({ measure, unit, potoki: mine, peer, peerStats: theirs, ratio: theirs ? mine.median / theirs.median : null, target });
  };
  try {
    const { context, page } = await openPage(browser);
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready', null, { timeout: 30_000 });
    checkPages('page load');

    log('CPython peer (the lesson\'s code)…');
    const py = cpython();
    log('dispatch…');
    const d1000 = await inPage(page, 'dispatch', { n: 1000, runs: RUNS * 3 });
    const d10000 = await inPage(page, 'dispatch', { n: 10000, runs: RUNS });
    checkPages('dispatch');
    log('plain-JS worker pool peer…');
    const js = await inPage(page, 'jsPool', { d1000Runs: RUNS * 3, d10000Runs: RUNS, latencyReps: REPS.latency });
    checkPages('plain-JS worker pool');
    row('dispatch: 1000 zero tasks, as_completed, 8 workers', 'ms', d1000, 'CPython', py?.dispatch_1000, '≤ 10');
    rows.push({ ...rows.at(-1), peer: 'JS worker pool', peerStats: stats(numbers('JS pool, 1000', js.d1000)), ratio: stats(d1000).median / stats(js.d1000).median });
    row('dispatch: 10,000 zero tasks, as_completed, 8 workers', 'ms', d10000, 'CPython', py?.dispatch_10000, '');
    rows.push({ ...rows.at(-1), peer: 'JS worker pool', peerStats: stats(numbers('JS pool, 10,000', js.d10000)), ratio: stats(d10000).median / stats(js.d10000).median });
    log('delivery latency…');
    row('delivery: task finished in its worker → onEvent', 'ms', await inPage(page, 'latency', { reps: REPS.latency }), 'JS worker pool', js.gaps, 'median ≤ 0.5, p99 ≤ 2');
    checkPages('delivery latency');
    log('fidelity…');
    const fid = await inPage(page, 'fidelity', { cases: FIDELITY, reps: REPS.fidelity });
    for (const c of FIDELITY) row(`overhead over ideal: ${c.scenario} (ideal ${c.idealMs} ms)`, 'ms', fid[c.scenario], 'CPython', py?.fidelity?.[c.scenario], '≤ 2');
    checkPages('fidelity');
    log('downloads…');
    const dl = await inPage(page, 'downloads', { images: IMAGES, reps: REPS.downloads });
    row('12 downloads at 300 ms latency, 12 workers', 'ms', dl.potoki, 'Promise.all(fetch)', dl.raw, 'within 5%');
    checkPages('downloads');
    log('the interpreter: Python programs beside CPython…');
    const reps = REPS.python;
    const submit = pythonProgram('submit', reps);
    row('Python: 1000 zero tasks, executor.submit + as_completed', 'ms', await inPage(page, 'python', { code: submit.code, gil: true, reps }), 'CPython', submit.peer, '≤ 15');
    const loop = pythonProgram('loop', reps);
    row('Python: for i in range(3_000_000): c += i % 7, one thread', 'ms', await inPage(page, 'python', { code: loop.code, gil: true, reps }), 'CPython', loop.peer, '≤ 3× CPython');
    const two = pythonProgram('two_threads', reps);
    row('Python: two CPU-bound threads / one, GIL on', '×', await inPage(page, 'python', { code: two.code, gil: true, reps }), 'CPython', two.peer, '≥ 1.7');
    row('Python: two CPU-bound threads / one, GIL off', '×', await inPage(page, 'python', { code: two.code, gil: false, reps }), null, null, '≤ 1.3');
    checkPages('python');
    await context.close();
    log('startup…');
    for (const threads of REPS.startupThreads) {
      const s = await startup(browser, url, threads);
      row(`startup, ${threads} threads: navigation → UI usable`, 'ms', s.ui, null, null, '≤ 150');
      row(`startup, ${threads} threads: navigation → pool ready`, 'ms', s.ready, null, null, threads === 16 ? '≤ 400' : '');
    }
    checkPages('startup');
    log('UI smoothness during a 10,000-task run…');
    row('longest UI-thread frame during a 10,000-task run', 'ms', await smoothness(browser, url), null, null, '≤ 50');
    checkPages('UI smoothness');
    log('size…');
    const bytes = await size(browser, url);
    checkPages('size');
    numbers('size', [bytes.gzip, bytes.raw]);
    rows.push({ measure: `size to first run: wasm + JS + CSS + HTML, gzip (${bytes.files} files)`, unit: 'KB', potoki: { median: bytes.gzip / 1024, p99: bytes.gzip / 1024, runs: 1 }, peer: 'uncompressed', peerStats: { median: bytes.raw / 1024, p99: bytes.raw / 1024, runs: 1 }, ratio: null, target: '≤ 80' });

    const versions = {
      date: new Date().toISOString(),
      cpu: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`,
      memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
      os: release(),
      node: process.version,
      browser: `Chromium ${browser.version()}`,
      python: py?.version ?? 'not run',
    };
    const benchS = (Date.now() - benchStarted) / 1000;
    print(versions, rows);
    // runId: `npm test` passes one, to tell this run's file from an older one.
    const results = {
      quick: QUICK,
      runId: process.env.BENCH_RUN_ID || randomUUID(),
      seconds: { build: NO_BUILD ? null : Number(buildS.toFixed(1)), bench: Number(benchS.toFixed(1)) },
      versions,
      rows,
    };
    writeFileSync(join(repo, 'bench', 'results.json'), JSON.stringify(results, null, 2));
    log(`bench/results.json written. Bench ${benchS.toFixed(1)} s${QUICK ? ' (--quick)' : ''}; build ${NO_BUILD ? 'skipped (--no-build)' : `${buildS.toFixed(1)} s`}`);
  } finally {
    await browser.close();
    server.close();
  }
}

function print(versions, rows) {
  console.log(`\npotoki benchmark — ${versions.date}${QUICK ? ' — --quick: a check that the bench runs, too few runs to compare' : ''}`);
  console.log(`machine: ${versions.cpu}, ${versions.memory}, Linux ${versions.os}; ${versions.browser}; Node ${versions.node}; CPython ${versions.python}\n`);
  const header = ['measure', 'potoki median', 'p99', 'n', 'peer', 'peer median', 'p99', 'n', 'ratio', 'target'];
  const table = rows.map((r) => [
    `${r.measure} (${r.unit})`,
    fmt(r.potoki.median), fmt(r.potoki.p99), String(r.potoki.runs),
    r.peer ?? '', r.peerStats ? fmt(r.peerStats.median) : '', r.peerStats ? fmt(r.peerStats.p99) : '', r.peerStats ? String(r.peerStats.runs) : '',
    r.ratio === null || r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const t of table) console.log(line(t));
}

main().catch((error) => {
  // Page errors collected but not yet checked may say why a step timed out.
  const extra = pageErrors.length && !error.saysPageErrors ? `\nthe page reported:\n  ${pageErrors.join('\n  ')}` : '';
  console.error(`bench failed: ${String(error.message).slice(0, 2000)}${extra.slice(0, 2000)}`);
  process.exit(1);
});
