// `npm run bench`: where potoki stands against its peers, on this machine, in one run.
//
// Drives headless Chromium against the release build (wasm-opt) and prints a table
// (median, p99, runs) with the peers side by side — CPython's ThreadPoolExecutor
// running the lesson's own code, and a plain-JS pool of Web Workers talking by
// postMessage — then writes bench/results.json. Not part of `npm test`.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from '../tools/build.mjs';
import { FOLDERS, fileFor, serve } from '../tools/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/browser/chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SCALE = 0.2;
const started = Date.now();

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

/** Runs `fn(pg, args)` in the page, where `pg` is the page's playground. */
function inPage(page, fn, args) {
  return page.evaluate(
    async ({ source, args }) => {
      const { createPlayground } = await import('/potoki.js');
      const pg = await createPlayground();
      // eslint-disable-next-line no-new-func
      return new Function('pg', 'args', `return (${source})(pg, args);`)(pg, args);
    },
    { source: fn.toString(), args },
  );
}

async function dispatch(page, n, runs) {
  return inPage(page, async (pg, { n, runs }) => {
    const times = [];
    for (let r = 0; r < runs + 2; r++) {
      let last = 0;
      const t0 = performance.now();
      await pg.run({ scenario: 'pool_as_completed', secs: Array(n).fill(0), workers: 8 }, {
        onEvent: (e) => {
          if (e.type === 'print' && e.text.startsWith('проспала')) last = performance.now();
        },
      });
      if (r >= 2) times.push(last - t0); // two warm-up runs
    }
    return times;
  }, { n, runs });
}

async function latency(page) {
  return inPage(page, async (pg) => {
    const gaps = [];
    for (let r = 0; r < 3; r++) {
      let epoch = 0;
      const secs = Array.from({ length: 120 }, (_, i) => ((i * 37) % 100) / 250);
      await pg.run({ scenario: 'pool_as_completed', secs, workers: 8 }, {
        onEvent: (e) => {
          const now = performance.timeOrigin + performance.now();
          if (e.type === 'begin') epoch = e.epochMs;
          if (e.type === 'finished') gaps.push(now - (epoch + e.tMs));
        },
      });
    }
    return gaps;
  });
}

async function fidelity(page) {
  return inPage(page, async (pg, cases) => {
    const out = {};
    for (const c of cases) {
      out[c.scenario] = [];
      for (let r = 0; r < 4; r++) {
        const record = await pg.run({ scenario: c.scenario, secs: c.secs, workers: 5 });
        out[c.scenario].push(record.wallMs - c.idealMs);
      }
    }
    return out;
  }, FIDELITY);
}

async function downloads(page) {
  return inPage(page, async (pg, images) => {
    const potoki = [];
    const raw = [];
    for (let r = 0; r < 5; r++) {
      const record = await pg.run({ scenario: 'pool_map', images, workers: 12 });
      potoki.push(record.wallMs);
      const t0 = performance.now();
      await Promise.all(images.map((url) => fetch(url, { cache: 'no-store' }).then((res) => res.arrayBuffer())));
      raw.push(performance.now() - t0);
    }
    return { potoki, raw };
  }, IMAGES);
}

async function jsPool(page) {
  return page.evaluate(async () => {
    const { JsPool } = await import('/bench/js-pool.js');
    const pool = await JsPool.start(8);
    const dispatch = (n, runs) => (async () => {
      const times = [];
      for (let r = 0; r < runs + 2; r++) {
        const t0 = performance.now();
        const results = await pool.run(Array(n).fill(0), 8);
        if (r >= 2) times.push(results.at(-1).receivedAt - performance.timeOrigin - t0);
      }
      return times;
    })();
    const d1000 = await dispatch(1000, 21);
    const d10000 = await dispatch(10000, 7);
    const gaps = [];
    for (let r = 0; r < 3; r++) {
      const secs = Array.from({ length: 120 }, (_, i) => ((i * 37) % 100) / 250);
      for (const result of await pool.run(secs, 8)) gaps.push(result.receivedAt - result.finishedAt);
    }
    return { d1000, d10000, gaps };
  });
}

async function startup(browser, url, threads) {
  const ui = [];
  const ready = [];
  for (let r = 0; r < 4; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
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
  for (let r = 0; r < 3; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
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
  const context = await browser.newContext();
  const page = await context.newPage();
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

function cpython() {
  try {
    const out = execFileSync('python3', [join(repo, 'bench', 'cpython_peer.py'), '4', JSON.stringify(FIDELITY)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    return JSON.parse(out);
  } catch (error) {
    log(`CPython peer failed: ${error.message}`);
    return null;
  }
}

const fmt = (ms) => (ms === undefined || ms === null ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function main() {
  log('release build (wasm-opt)…');
  await build({ release: true });
  // After the build, which installs the npm packages on a fresh clone.
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve({ port: 0, folders: { ...FOLDERS, '/bench/': join(repo, 'bench') } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const rows = [];
  const row = (measure, unit, values, peer, peerValues, target) => {
    const mine = stats(values);
    const theirs = peerValues ? stats(peerValues) : null;
    rows.push({ measure, unit, potoki: mine, peer, peerStats: theirs, ratio: theirs ? mine.median / theirs.median : null, target });
  };
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready', null, { timeout: 30_000 });

    log('CPython peer (the lesson\'s code)…');
    const py = cpython();
    log('dispatch…');
    const d1000 = await dispatch(page, 1000, RUNS * 3);
    const d10000 = await dispatch(page, 10000, RUNS);
    log('plain-JS worker pool peer…');
    const js = await jsPool(page);
    row('dispatch: 1000 zero tasks, as_completed, 8 workers', 'ms', d1000, 'CPython', py?.dispatch_1000, '≤ 10');
    rows.push({ ...rows.at(-1), peer: 'JS worker pool', peerStats: stats(js.d1000), ratio: stats(d1000).median / stats(js.d1000).median });
    row('dispatch: 10,000 zero tasks, as_completed, 8 workers', 'ms', d10000, 'CPython', py?.dispatch_10000, '');
    rows.push({ ...rows.at(-1), peer: 'JS worker pool', peerStats: stats(js.d10000), ratio: stats(d10000).median / stats(js.d10000).median });
    log('delivery latency…');
    row('delivery: task finished in its worker → onEvent', 'ms', await latency(page), 'JS worker pool', js.gaps, 'median ≤ 0.5, p99 ≤ 2');
    log('fidelity…');
    const fid = await fidelity(page);
    for (const c of FIDELITY) row(`overhead over ideal: ${c.scenario} (ideal ${c.idealMs} ms)`, 'ms', fid[c.scenario], 'CPython', py?.fidelity?.[c.scenario], '≤ 2');
    log('downloads…');
    const dl = await downloads(page);
    row('12 downloads at 300 ms latency, 12 workers', 'ms', dl.potoki, 'Promise.all(fetch)', dl.raw, 'within 5%');
    await context.close();
    log('startup…');
    for (const threads of [4, 8, 16, 32]) {
      const s = await startup(browser, url, threads);
      row(`startup, ${threads} threads: navigation → UI usable`, 'ms', s.ui, null, null, '≤ 150');
      row(`startup, ${threads} threads: navigation → pool ready`, 'ms', s.ready, null, null, threads === 16 ? '≤ 400' : '');
    }
    log('UI smoothness during a 10,000-task run…');
    row('longest UI-thread frame during a 10,000-task run', 'ms', await smoothness(browser, url), null, null, '≤ 50');
    log('size…');
    const bytes = await size(browser, url);
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
    print(versions, rows);
    writeFileSync(join(repo, 'bench', 'results.json'), JSON.stringify({ versions, rows }, null, 2));
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; bench/results.json written`);
  } finally {
    await browser.close();
    server.close();
  }
}

function print(versions, rows) {
  console.log(`\npotoki benchmark — ${versions.date}`);
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
  console.error(`bench failed: ${String(error.message).slice(0, 500)}`);
  process.exit(1);
});
