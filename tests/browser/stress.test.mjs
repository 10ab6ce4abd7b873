// Stress: thousands of short runs that start, join and stop threads as fast as the
// pool allows, every worker busy (max_workers = pool − 1, beside the main thread); and
// as many in the single-threaded build, whose threads are coroutines.
// No run may hang, no result may be lost or said twice. Each of the lesson's
// threads has a worker of its own (src/web/workers.rs), so none waits for another
// to be stolen; the hand-off latency (t.start() → the thread runs) is printed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, servePlain, useBrowser, waitReady } from './fixture.mjs';

useBrowser();

// The page without the isolation headers: the single-threaded build.
const plain = await servePlain();

const RUNS = Number(process.env.STRESS_RUNS ?? 2000);
const POOL = 8;

/** `runs` random runs in `page`, a quarter of them stopped at a random event: none may
 * hang, lose a result or deliver one twice. */
async function stress(t, page, runs) {
  const result = await page.evaluate(
    async ({ runs, pool }) => {
      const { createPlayground } = await import('/potoki.js');
      const pg = await createPlayground({ threads: pool });
      let seed = 11;
      const rand = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const scenarios = ['threads_join_in_loop', 'threads', 'pool_submit', 'pool_as_completed', 'pool_map'];
      const out = { runs: 0, stopped: 0, tasks: 0, hung: null, lost: 0, twice: 0, undelivered: 0, refused: 0, handoffs: [], failures: [] };
      for (let run = 0; run < runs && !out.hung; run++) {
        const scenario = scenarios[Math.floor(rand() * scenarios.length)];
        const n = 1 + Math.floor(rand() * (pool - 1));
        const plan = { scenario, secs: Array.from({ length: n }, () => Math.floor(rand() * 8) / 1000), workers: pool - 1 };
        const controller = new AbortController();
        // A quarter of the runs are stopped: after a random number of events.
        const stopAt = rand() < 0.25 ? Math.floor(rand() * 4 * n) : -1;
        const submitted = new Map();
        const finished = new Map();
        const delivered = new Map();
        let events = 0;
        const onEvent = (e) => {
          if (events++ === stopAt) controller.abort();
          if (e.type === 'submitted') submitted.set(e.task, e.tMs);
          if (e.type === 'started' && scenario.startsWith('threads')) out.handoffs.push(e.tMs - submitted.get(e.task));
          if (e.type === 'finished') finished.set(e.task, (finished.get(e.task) ?? 0) + 1);
          if (e.type === 'delivered') delivered.set(e.task, (delivered.get(e.task) ?? 0) + 1);
        };
        let timer;
        const hang = new Promise((resolve) => {
          timer = setTimeout(() => resolve('hung'), 10_000);
        });
        try {
          const record = await Promise.race([pg.run(plan, { signal: controller.signal, onEvent }), hang]);
          if (record === 'hung') {
            out.hung = `run ${run}: ${JSON.stringify(plan)} did not end in 10 s`;
            break;
          }
          out.runs++;
          if (record.cancelled) out.stopped++;
          for (const task of record.tasks) {
            out.tasks++;
            if ((finished.get(task.index) ?? 0) !== 1) out.lost++;
            // The pool is sized for the plan: no thread may find every worker busy,
            // not even one whose worker is still coming back from the last run.
            if (/can't start new thread/.test(task.error ?? '')) out.refused++;
            if ((delivered.get(task.index) ?? 0) > 1) out.twice++;
            // Every listing here hands each result to the main thread, unless stopped.
            if (!record.cancelled && (delivered.get(task.index) ?? 0) !== 1) out.undelivered++;
          }
        } catch (error) {
          out.failures.push(`run ${run}: ${error.message}`);
        } finally {
          clearTimeout(timer);
        }
      }
      return out;
    },
    { runs, pool: POOL },
  );
  const sorted = result.handoffs.sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  t.diagnostic(
    `${result.runs} runs (${result.stopped} stopped), ${result.tasks} tasks; hand-off t.start() → running: ` +
      `median ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms over ${sorted.length}`,
  );
  assert.equal(result.hung, null);
  assert.deepEqual(result.failures, []);
  assert.equal(result.runs, runs);
  assert.equal(result.lost, 0, 'every task finished exactly once');
  assert.equal(result.twice, 0, 'no result delivered twice');
  assert.equal(result.undelivered, 0, 'every result of a finished run delivered');
  assert.equal(result.refused, 0, 'no thread refused for want of a free worker');
  assert.ok(result.stopped > runs / 10, `${result.stopped} runs stopped`);
  // Generous on a shared 2-core machine; the number itself is in the diagnostic above.
  assert.ok(at(0.99) < 50, `hand-off p99 ${at(0.99)} ms`);
}

test(`${RUNS} runs of joins, threads and pools on every worker, with random Stops: none hangs, none loses a result`, async (t) => {
  const page = await openPage(t, `/?lang=en&threads=${POOL}`);
  await waitReady(page);
  await stress(t, page, RUNS);
});

test(`${RUNS} such runs in the single-threaded build, its threads coroutines whose waits park: none hangs, none loses a result`, async (t) => {
  // Served without the isolation headers, the page loads pkg-single/.
  const page = await openPage(t, `${plain.url}?lang=en`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  await stress(t, page, RUNS);
});
