// Numbers a teacher can trust: CPU time is what the cores gave, the speed-up is the
// tasks' one-by-one time over the wall time, and a page handler that throws costs
// the record nothing.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, runInPage, useBrowser, waitReady, waitRunEnd } from './fixture.mjs';

useBrowser();

// A count the interpreter takes about a quarter of a second for, here. The listings
// run as their Python: without the GIL (as free-threaded 3.14t) their threads count in
// parallel; with it, they take turns.
const N = 40_000;
const FREE = { gil: false };
/** Four threads without the GIL over one thread, wall time: below this they ran in
 *  parallel. Two cores would halve it; the interpreter's threads share objects
 *  (globals, classes, the allocator's lock when a cache runs dry): four come to about
 *  0.6 of one thread's time here, two to 0.65–0.85; on one core it is 1 or more. */
const PARALLEL = 0.85;

/** The record of the faster of two runs of `plan`. */
async function best(page, plan) {
  const { record: first } = await runInPage(page, plan);
  const { record: second } = await runInPage(page, plan);
  return first.wallMs <= second.wallMs ? first : second;
}

test('without the GIL, CPU time of four counts is what the cores gave them, never more, and at least what one thread needs', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  // Warm up first: V8 runs new wasm code in its baseline compiler, then optimizes it, and
  // the first run would make the one-by-one time look longer than it is.
  await runInPage(page, { scenario: 'threads', compute: [N, N, N, N], ...FREE });
  // The same four tasks, one after another on one thread: the time they need (the
  // better of two runs: this shared machine sometimes slows a whole run down).
  // This machine is a VM on a shared host, which now and then takes a core away for
  // seconds: then four threads run no faster than one, and the stolen time cannot be
  // told from running. Measure again (at most five times) until the threads ran in
  // parallel, as the cores allow, and judge the attempt that ran most in parallel (the
  // next test checks that they do).
  let alone;
  let threads;
  for (let attempt = 0; attempt < 5; attempt++) {
    const a = await best(page, { scenario: 'sequential', compute: [N, N, N, N], ...FREE });
    const b = await best(page, { scenario: 'threads', compute: [N, N, N, N], ...FREE });
    if (!threads || b.wallMs / a.wallMs < threads.wallMs / alone.wallMs) [alone, threads] = [a, b];
    if (b.wallMs < 0.75 * a.wallMs) break;
    t.diagnostic(`attempt ${attempt + 1}: no parallel speed-up (${a.wallMs.toFixed(0)} ms alone, ${b.wallMs.toFixed(0)} ms in threads): the host took a core`);
  }
  const say = `sequential wall ${alone.wallMs.toFixed(0)} ms, threads cpu ${threads.cpuMs.toFixed(0)} ms in wall ${threads.wallMs.toFixed(0)} ms on ${cores} cores`;
  t.diagnostic(say);
  assert.equal(threads.cores, cores);
  // Four threads on fewer cores take turns: the turns they wait are not CPU time.
  // Counted, they would double it (four threads, each waiting every other turn): the
  // CPU time is what the cores gave, never more. It is at least what one thread needs
  // for the same counts, and may be more: threads that share objects slow each other
  // down where both cores write to them (README, Performance; 1.0–1.35 times here).
  assert.ok(threads.cpuMs <= threads.wallMs * cores * 1.1, say);
  assert.ok(threads.cpuMs >= 0.6 * threads.wallMs * Math.min(cores, 4), say);
  assert.ok(threads.cpuMs >= 0.75 * alone.wallMs, say);
  // Every task has its own CPU time, and they add up to the record's.
  const sum = threads.tasks.reduce((total, task) => total + task.cpuMs, 0);
  assert.ok(Math.abs(sum - threads.cpuMs) < 1e-6);
  assert.ok(threads.tasks.every((task) => task.cpuMs > 0 && task.cpuMs <= task.finishedMs - task.startedMs + 1e-6));

  // The page says the same: %time with "≈", and a speed-up of at most the cores.
  const { speedup, cpuTime } = await page.evaluate(async (record) => {
    const view = await import('/view/time-summary.js');
    return { speedup: view.speedup(record), cpuTime: view.cpuTime(record) };
  }, threads);
  assert.equal(cpuTime.estimated, true);
  assert.ok(Math.abs(cpuTime.ms - threads.cpuMs) <= 0.1 * threads.cpuMs || cpuTime.ms === threads.wallMs * cores);
  assert.ok(speedup.factor <= cores + 1e-9, `speed-up ×${speedup.factor.toFixed(2)} on ${cores} cores`);
});

test('without the GIL threads count in parallel: the same tasks take far less wall time than on one thread (fails on one core)', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  await runInPage(page, { scenario: 'threads', compute: [N, N, N, N], ...FREE }); // warm-up, as above
  // As above: the host now and then takes a core for seconds; measure again (at most
  // five times) and judge the attempt that ran most in parallel.
  let ratio = Infinity;
  let say = '';
  for (let attempt = 0; attempt < 5 && ratio >= PARALLEL; attempt++) {
    const alone = await best(page, { scenario: 'sequential', compute: [N, N, N, N], ...FREE });
    const threads = await best(page, { scenario: 'threads', compute: [N, N, N, N], ...FREE });
    t.diagnostic(`attempt ${attempt + 1}: one thread ${alone.wallMs.toFixed(0)} ms, four threads ${threads.wallMs.toFixed(0)} ms`);
    if (threads.wallMs / alone.wallMs < ratio) {
      ratio = threads.wallMs / alone.wallMs;
      say = `one thread ${alone.wallMs.toFixed(0)} ms, four threads ${threads.wallMs.toFixed(0)} ms`;
    }
  }
  // Time-slicing one core would not shorten it at all (the ratio is 1 or more).
  assert.ok(ratio < PARALLEL, say);
});

test('with the GIL, as the lesson’s CPython, counting threads take turns: no faster than one thread, and their CPU time is the wall time', async (t) => {
  const page = await openPage(t, '/?lang=en');
  await waitReady(page);
  await runInPage(page, { scenario: 'threads', compute: [N, N] }); // warm-up, as above
  const alone = await best(page, { scenario: 'sequential', compute: [N, N] });
  const { record: threads, events } = await runInPage(page, { scenario: 'threads', compute: [N, N] });
  const say = `one thread ${alone.wallMs.toFixed(0)} ms, two threads ${threads.wallMs.toFixed(0)} ms, cpu ${threads.cpuMs.toFixed(0)} ms`;
  t.diagnostic(say);
  assert.equal(threads.gil, true);
  // One thread runs bytecode at a time: the two take as long as one after another
  // (the GIL's hand-overs cost a little more, never less).
  assert.ok(threads.wallMs > 0.9 * alone.wallMs, say);
  // They overlap in time, taking turns, and hold the GIL one at a time.
  const [a, b] = threads.tasks;
  assert.ok(a.startedMs < b.finishedMs && b.startedMs < a.finishedMs, say);
  assert.ok(threads.cpuMs <= threads.wallMs * 1.05, say);
  // Their waits for the GIL are events of their own, for the timeline: a turn is
  // the switch interval, 5 ms.
  const waits = events.filter((e) => e.type === 'gilWait');
  assert.ok(waits.length >= 4 && waits.some((e) => e.waitedMs >= 2), `${waits.length} waits for the GIL`);
});

test('%time on the page: CPU time marked as measured (≈), the speed-up within the cores', async (t) => {
  const page = await openPage(t, `/?scenario=threads&compute=${N},${N},${N},${N}&gil=0&lang=en&autorun=1`);
  const record = await waitRunEnd(page, 60_000);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const timing = await page.textContent('#timing');
  assert.match(timing, /CPU times: total: ≈[\d.]+ (ms|s)/);
  assert.match(timing, /measured by the computation’s progress/);
  const factor = Number(timing.match(/×([\d.]+) faster/)[1]);
  assert.ok(factor <= cores + 0.05, `×${factor} on ${cores} cores`);
  assert.ok(factor >= 1, `×${factor}`);
  assert.ok(record.cpuMs <= record.wallMs * cores * 1.1);
});

test('a handler that throws is reported, and the record still has every event', async (t) => {
  const page = await openPage(t, '/?lang=en', { expectedErrors: [/handler broke on purpose/] });
  await waitReady(page);
  const { record, seen } = await page.evaluate(async () => {
    const { createPlayground } = await import('/potoki.js');
    const pg = await createPlayground();
    let seen = 0;
    const record = await pg.run({ scenario: 'pool_submit', secs: [0.05, 0.02, 0.04], workers: 3 }, {
      onEvent: () => {
        seen++;
        throw new Error('handler broke on purpose');
      },
    });
    return { record, seen };
  });
  assert.equal(record.tasks.length, 3);
  for (const task of record.tasks) {
    assert.ok('ok' in task, `task ${task.index} finished`);
    assert.equal(typeof task.deliveredMs, 'number', `task ${task.index} delivered`);
  }
  assert.equal(typeof record.wallMs, 'number');
  assert.match(record.output.at(-1).text, /^it took/);
  // The handler was called for every event all the same.
  assert.ok(seen >= 3 * 4 + 2, `${seen} events`);
});
