// Trace export on real runs: `toTrace` from /potoki.js turns what `pg.run` resolved to
// into Chrome Trace Event JSON that keeps the format's rules (trace-format.mjs), with a
// slice per task on the thread that ran it and a name for every thread; and the page's
// "Trace (Perfetto)" button downloads it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openPage, useBrowser, waitRunEnd } from './fixture.mjs';
import { traceProblems } from './trace-format.mjs';

useBrowser();

const TWO_THREADS = `import threading, time

def sleep(secs):
    time.sleep(secs)
    print(f"slept {secs}")

threads = [threading.Thread(target=sleep, args=[s]) for s in (0.3, 0.15)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
`;

// Two threads that count at once: with the GIL on, each waits for it while the other runs.
const TWO_COUNTERS = `import threading

def count():
    total = 0
    for i in range(150_000):
        total += i

threads = [threading.Thread(target=count) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
`;

/** Runs `plan` through the page's JS API and makes its trace there, with the module's
 *  own exports (the page's CSP allows no code built from strings). */
function runAndTrace(page, plan) {
  return page.evaluate(async (plan) => {
    const { createPlayground, toTrace } = await import('/potoki.js');
    const pg = await createPlayground();
    const record = await pg.run(plan);
    return { record, trace: toTrace(record) };
  }, plan);
}

const slicesOf = (trace) => trace.traceEvents.filter((e) => e.ph === 'X' && e.cat !== 'submit' && e.cat !== 'program' && e.cat !== 'gil');
const threadNames = (trace) => new Map(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args.name]));

/** What every trace of a run must say: the format kept, a slice per started task at its
 *  start, on its thread's tid (or, for coroutines sharing a thread, a lane named after
 *  it), a name for every thread, and an arrow from each submission to each task that
 *  another thread ran. */
function checkTrace(record, trace) {
  assert.deepEqual(traceProblems(trace), [], 'keeps the Trace Event Format');
  assert.equal(trace.displayTimeUnit, 'ms');
  const names = threadNames(trace);
  const slices = slicesOf(trace);
  const started = record.tasks.filter((task) => task.startedMs !== null);
  assert.equal(slices.length, started.length, 'a slice per task');
  for (const task of started) {
    const slice = slices.find((e) => e.args.task === task.index);
    assert.ok(slice, `task ${task.index} has a slice`);
    assert.equal(slice.name, task.call);
    assert.equal(slice.ts, Math.round(task.startedMs * 1000), 'µs from the run’s start');
    assert.ok(Math.abs(slice.ts + slice.dur - task.finishedMs * 1000) <= 1, 'ends when the task finished');
    const own = names.get(task.thread + 1);
    assert.ok(own, `thread ${task.thread} has a name`);
    if (slice.tid !== task.thread + 1) assert.ok(names.get(slice.tid).startsWith(`${own}: coroutines`), names.get(slice.tid));
    if (task.threadName !== 'MainThread') assert.ok(own.includes(task.threadName), `${own} names ${task.threadName}`);
    if (slice.tid !== record.mainThread + 1) {
      const start = trace.traceEvents.find((e) => e.ph === 's' && e.id === task.index + 1);
      const end = trace.traceEvents.find((e) => e.ph === 'f' && e.id === task.index + 1);
      assert.deepEqual([start?.tid, end?.tid], [record.mainThread + 1, slice.tid], `the arrow of task ${task.index}`);
    }
  }
  assert.match(names.get(record.mainThread + 1), /^MainThread \(/);
  for (const line of record.output) assert.ok(names.has(line.thread + 1), `thread ${line.thread}, which printed, has a name`);
}

test('a pool listing run through the JS API: its trace has a slice per task on its worker and a name per thread', async (t) => {
  const page = await openPage(t, '/');
  const { record, trace } = await runAndTrace(page, { scenario: 'pool_as_completed', secs: [0.3, 0.1, 0.2], workers: 3 });
  assert.equal(record.threaded, true);
  checkTrace(record, trace);
  // Three workers and the main thread: four threads, four names.
  const threads = new Set([record.mainThread, ...record.tasks.map((task) => task.thread)]);
  assert.equal(threads.size, 4);
  assert.equal(threadNames(trace).size, 4);
  assert.equal(trace.traceEvents.filter((e) => e.ph === 's').length, 3, 'three arrows from the main thread');
});

test('the other listings’ shapes trace too: the main thread running its own tasks, asyncio’s coroutines on one thread', async (t) => {
  const page = await openPage(t, '/');
  const sequential = await runAndTrace(page, { scenario: 'sequential', secs: [0.05, 0.05] });
  checkTrace(sequential.record, sequential.trace);
  assert.equal(sequential.trace.traceEvents.filter((e) => e.ph === 's').length, 0, 'no arrows within one thread');
  const coroutines = await runAndTrace(page, { scenario: 'async', secs: [0.2, 0.1] });
  checkTrace(coroutines.record, coroutines.trace);
  assert.equal(new Set(slicesOf(coroutines.trace).map((e) => e.tid)).size, 2, 'two overlapping coroutines, two lanes');
});

test('a two-thread Python program: a slice per thread’s task, the threads named as Python names them, GIL waits inside', async (t) => {
  const page = await openPage(t, '/');
  const { record, trace } = await runAndTrace(page, { code: TWO_THREADS });
  assert.equal(record.error, null);
  assert.deepEqual(record.output.map((l) => l.text), ['slept 0.15', 'slept 0.3', 'done']);
  checkTrace(record, trace);
  const names = [...threadNames(trace).values()];
  for (const name of ['MainThread', 'Thread-1 (sleep)', 'Thread-2 (sleep)']) assert.ok(names.some((n) => n.startsWith(name)), `${name} in ${names}`);
  const waits = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'gil');
  assert.ok(waits.length <= record.gilWaits.length);
  const recordTids = new Set([record.mainThread, ...record.tasks.map((task) => task.thread)].map((th) => th + 1));
  for (const wait of waits) assert.ok(recordTids.has(wait.tid), `GIL wait on a thread of the run (${wait.tid})`);
  // Where each thread waited: the threads at time.sleep (line 4), the main at join (11).
  const lines = trace.traceEvents.filter((e) => e.ph === 'i' && e.cat === 'line' && e.args.waiting);
  for (const task of record.tasks) assert.ok(lines.some((e) => e.tid === task.thread + 1 && e.args.line === 4));
  assert.ok(lines.some((e) => e.tid === record.mainThread + 1 && e.args.line === 11));

  // Threads that take turns with the GIL: their waits are slices of their own threads.
  const counters = await runAndTrace(page, { code: TWO_COUNTERS });
  assert.equal(counters.record.error, null);
  checkTrace(counters.record, counters.trace);
  assert.ok(counters.record.gilWaits.length > 0, 'the counting threads waited for the GIL');
  const gil = counters.trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'gil');
  for (const task of counters.record.tasks) {
    assert.ok(gil.some((e) => e.tid === task.thread + 1), `thread ${task.threadName} has GIL waits in its trace`);
  }
});

test('the page’s “Trace (Perfetto)” button downloads potoki-trace.json of the run shown', async (t) => {
  const page = await openPage(t, '/?scenario=threads&secs=0.2,0.1&lang=en&autorun=1', { locale: 'en-US' });
  assert.equal(await page.textContent('#export-trace'), 'Trace (Perfetto)');
  const record = await waitRunEnd(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-trace')]);
  assert.equal(file.suggestedFilename(), 'potoki-trace.json');
  const trace = JSON.parse(readFileSync(await file.path(), 'utf8'));
  checkTrace(record, trace);
  await page.selectOption('#lang', 'ru');
  assert.equal(await page.textContent('#export-trace'), 'Трасса (Perfetto)');
});
