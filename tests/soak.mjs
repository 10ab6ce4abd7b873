// `npm run soak`: 500 mixed runs in one page — every listing, sleeps, downloads
// (some failing), a little CPU work, Stop pressed at random moments — checking
// that every run ends, every task's result arrives exactly once, and the wasm heap
// and the JS heap stay flat after warm-up. Prints the numbers; exits 1 on a failure.
// Not part of `npm test` (about two minutes).

import { build } from '../tools/build.mjs';
import { serve } from '../tools/serve.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './browser/chromium.mjs';

const RUNS = Number(process.env.SOAK_RUNS ?? 500);
const WARM_UP = 50;

async function main() {
  await build({ release: true });
  // After the build, which installs the npm packages on a fresh clone.
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve({ port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed downloads are logged by the browser itself: those are expected here.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console.error: ${message.text()}`);
  });
  await page.goto(`${url}?lang=en`);
  await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready', null, { timeout: 30_000 });
  const started = Date.now();
  const result = await page.evaluate(
    async ({ runs, warmUp }) => {
      const { createPlayground } = await import('/potoki.js');
      const pg = await createPlayground();
      let seed = 7;
      const rand = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const pick = (list) => list[Math.floor(rand() * list.length)];
      const scenarios = ['sequential', 'threads_no_join', 'threads_join_in_loop', 'threads', 'pool_submit', 'pool_as_completed', 'pool_map', 'async', 'async_as_completed'];
      const images = ['paw-1394447.jpg', 'doggy-1382866.jpg', 'beach-1364350.jpg', 'no-such-image.jpg'];
      const out = { runs: 0, stopped: 0, tasks: 0, lost: 0, duplicated: 0, undelivered: 0, failures: [], memory: [] };
      const sample = async (label) => {
        // A few collections with turns between: what a run let go of may be freed
        // only after its finalizers ran (wasm-bindgen's closures, image buffers).
        for (let i = 0; i < 3; i++) {
          window.gc?.();
          await new Promise((done) => setTimeout(done, 50));
        }
        out.memory.push({ label, heapBytes: performance.memory?.usedJSHeapSize ?? 0, wasmBytes: pg.heapBytes });
      };
      for (let run = 1; run <= runs; run++) {
        const scenario = pick(scenarios);
        const kind = scenario.startsWith('async') ? pick(['sleep', 'download']) : pick(['sleep', 'sleep', 'download', 'compute']);
        const n = 1 + Math.floor(rand() * 6);
        const plan = { scenario, workers: 1 + Math.floor(rand() * 5), lang: pick(['ru', 'en']) };
        if (kind === 'sleep') plan.secs = Array.from({ length: n }, () => Math.floor(rand() * 40) / 1000);
        if (kind === 'download') plan.images = Array.from({ length: n }, () => `images/${pick(images)}?delay=${Math.floor(rand() * 60)}`);
        if (kind === 'compute') plan.compute = Array.from({ length: n }, () => Math.floor(rand() * 20000));
        const finished = new Map();
        const delivered = new Map();
        const controller = new AbortController();
        const stop = rand() < 0.3;
        if (stop) setTimeout(() => controller.abort(), Math.floor(rand() * 50));
        try {
          const record = await pg.run(plan, {
            signal: controller.signal,
            onEvent: (e) => {
              if (e.type === 'finished') finished.set(e.task, (finished.get(e.task) ?? 0) + 1);
              if (e.type === 'delivered') delivered.set(e.task, (delivered.get(e.task) ?? 0) + 1);
              if (e.type === 'image') URL.revokeObjectURL(e.src);
            },
          });
          out.runs++;
          if (record.cancelled) out.stopped++;
          for (const task of record.tasks) {
            out.tasks++;
            const count = finished.get(task.index) ?? 0;
            if (count === 0 || !('ok' in task || 'error' in task)) out.lost++;
            // Raw events, before the record folds them: each said once at most.
            if (count > 1 || (delivered.get(task.index) ?? 0) > 1) out.duplicated++;
            // A run seen to its end hands every result to the main thread, but for
            // threads never joined and the lesson's image map, whose results nobody asks.
            const asked = scenario !== 'threads_no_join' && !(scenario === 'pool_map' && kind === 'download');
            if (asked && !record.cancelled && (delivered.get(task.index) ?? 0) !== 1) out.undelivered++;
          }
        } catch (error) {
          if (!(stop && error.name === 'AbortError')) out.failures.push(`run ${run} (${JSON.stringify(plan).slice(0, 120)}): ${error.message}`);
          else out.runs++;
        }
        if (run === warmUp || run === Math.floor(runs / 2) || run === runs) await sample(`after run ${run}`);
      }
      return out;
    },
    { runs: RUNS, warmUp: WARM_UP },
  );
  await browser.close();
  server.close();

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nsoak: ${result.runs} runs in ${seconds} s (${result.stopped} stopped midway), ${result.tasks} tasks`);
  console.log(`  lost results: ${result.lost}, duplicated results: ${result.duplicated}, results never delivered: ${result.undelivered}, failed runs: ${result.failures.length}`);
  for (const m of result.memory) {
    console.log(`  ${m.label.padEnd(16)} JS heap ${(m.heapBytes / 2 ** 20).toFixed(1)} MiB, wasm heap ${(m.wasmBytes / 2 ** 20).toFixed(1)} MiB`);
  }
  const [warm, , last] = result.memory;
  const heapGrowth = (last.heapBytes - warm.heapBytes) / warm.heapBytes;
  const wasmGrowth = last.wasmBytes - warm.wasmBytes;
  console.log(`  after warm-up: JS heap ${(heapGrowth * 100).toFixed(1)}%, wasm heap +${(wasmGrowth / 2 ** 20).toFixed(1)} MiB`);
  for (const failure of [...result.failures, ...problems].slice(0, 10)) console.log(`  ✘ ${failure}`);
  const ok = result.lost === 0 && result.duplicated === 0 && result.undelivered === 0 && result.failures.length === 0 && problems.length === 0 && heapGrowth < 0.25 && wasmGrowth <= 4 * 2 ** 20;
  console.log(ok ? '✔ soak passed' : '✘ soak failed');
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(`soak failed: ${String(error.message).slice(0, 500)}`);
  process.exit(1);
});
