// toTrace: a run record as Chrome Trace Event JSON, on hand-made records that hold
// every shape a record takes — a pool, Python with the GIL, asyncio's coroutines on
// one thread, a listing run on the main thread itself, a stopped run.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTrace } from '../../www/trace.js';
import { traceProblems } from '../browser/trace-format.mjs';

const task = (index, fields) => ({
  index,
  kind: 'sleep',
  arg: 1,
  call: `sleep(${index})`,
  thread: null,
  threadName: null,
  submittedMs: 0,
  startedMs: null,
  finishedMs: null,
  deliveredMs: null,
  waitedMs: null,
  cpuMs: null,
  download: null,
  ...fields,
});

const record = (fields) => ({
  scenario: 'pool_as_completed',
  lang: 'ru',
  maxWorkers: 3,
  threaded: true,
  cores: 2,
  mainThread: 1,
  wallMs: 300.5,
  cpuMs: 0,
  cancelled: false,
  gil: null,
  error: null,
  lines: [],
  gilWaits: [],
  output: [],
  tasks: [],
  ...fields,
});

const POOL = record({
  tasks: [
    task(0, { thread: 2, threadName: 'ThreadPoolExecutor-0_0', submittedMs: 0.2, startedMs: 0.9, finishedMs: 300.1, deliveredMs: 300.3, ok: null }),
    task(1, { thread: 3, threadName: 'ThreadPoolExecutor-0_1', submittedMs: 0.3, startedMs: 1.1, finishedMs: 100.2, deliveredMs: 100.4, ok: null }),
    task(2, { thread: 4, threadName: 'ThreadPoolExecutor-0_2', submittedMs: 0.4, startedMs: 1.3, finishedMs: 200.2, deliveredMs: 200.5, ok: null }),
  ],
  output: [
    { tMs: 100.4, text: 'проспала 1 sec.', thread: 1 },
    { tMs: 300.4, text: 'it took: 0.30 sec.', thread: 1 },
  ],
});

// Python with the GIL: a thread that waits for it across its own start (the clocks are
// read a moment apart), one that waits in the middle, a print from a thread with no task.
const PYTHON = record({
  scenario: 'python',
  maxWorkers: null,
  mainThread: 5,
  gil: true,
  wallMs: 450,
  tasks: [
    task(0, { kind: 'python', call: 'sleep(0.4)', thread: 6, threadName: 'Thread-1 (sleep)', submittedMs: 1, startedMs: 2, finishedMs: 402, deliveredMs: 403, ok: null }),
    task(1, { kind: 'python', call: 'sleep(0.2)', thread: 7, threadName: 'Thread-2 (sleep)', submittedMs: 1.5, startedMs: 2.5, finishedMs: 203, deliveredMs: 403.5, ok: null }),
  ],
  gilWaits: [
    { thread: 7, fromMs: 2.2, toMs: 3 },
    { thread: 6, fromMs: 100, toMs: 101 },
    { thread: 5, fromMs: 403, toMs: 403 },
  ],
  lines: [
    { tMs: 3, thread: 6, line: 4, waiting: true },
    { tMs: 4, thread: 5, line: 11, waiting: true },
  ],
  output: [
    { tMs: 203, text: 'slept 0.2', thread: 7, stream: 'stdout' },
    { tMs: 402, text: 'slept 0.4', thread: 6, stream: 'stdout' },
    { tMs: 420, text: '', thread: 9, stream: 'stderr' },
  ],
});

// asyncio: every coroutine on the page's own thread (0), overlapping.
const ASYNC = record({
  scenario: 'async',
  maxWorkers: null,
  mainThread: 0,
  wallMs: 500,
  tasks: [0, 1, 2].map((i) => task(i, { thread: 0, threadName: 'MainThread', submittedMs: i * 0.1, startedMs: 1 + i * 0.1, finishedMs: 100 * (3 - i) + 2, deliveredMs: 302, ok: null })),
});

// sequential: the main thread runs each task itself; a stopped run leaves one task
// unfinished and one never started.
const STOPPED = record({
  scenario: 'sequential',
  maxWorkers: null,
  wallMs: 150,
  cancelled: true,
  tasks: [
    task(0, { thread: 1, threadName: 'MainThread', submittedMs: 0, startedMs: 0, finishedMs: 100, deliveredMs: 100, ok: null }),
    task(1, { thread: 1, threadName: 'MainThread', submittedMs: 100, startedMs: 100, finishedMs: null, error: 'CancelledError' }),
    task(2, { submittedMs: 100 }),
  ],
});

const byPhase = (trace, ph) => trace.traceEvents.filter((e) => e.ph === ph);
const taskSlices = (trace) => byPhase(trace, 'X').filter((e) => e.args && 'task' in e.args && e.cat !== 'submit');
const threadName = (trace, tid) => byPhase(trace, 'M').find((e) => e.name === 'thread_name' && e.tid === tid)?.args.name;

test('every record shape gives a trace that keeps the Trace Event Format’s rules', () => {
  for (const [name, rec] of Object.entries({ POOL, PYTHON, ASYNC, STOPPED })) {
    const trace = toTrace(rec);
    assert.deepEqual(traceProblems(trace), [], name);
    assert.equal(trace.displayTimeUnit, 'ms');
    assert.deepEqual(JSON.parse(JSON.stringify(trace)), trace, `${name} survives JSON`);
    for (const event of byPhase(trace, 'X')) {
      assert.ok(Number.isInteger(event.ts) && event.ts >= 0 && event.dur >= 0 && event.pid > 0 && event.tid > 0, JSON.stringify(event));
    }
  }
});

test('a pool run: a slice per task on its worker, in µs from the run’s start, a flow from each submission', () => {
  const trace = toTrace(POOL);
  const slices = taskSlices(trace);
  assert.deepEqual(
    slices.map((e) => [e.args.task, e.name, e.tid, e.ts, e.dur]).sort((a, b) => a[0] - b[0]),
    [
      [0, 'sleep(0)', 3, 900, 299_200],
      [1, 'sleep(1)', 4, 1100, 99_100],
      [2, 'sleep(2)', 5, 1300, 198_900],
    ],
  );
  assert.equal(threadName(trace, 2), 'MainThread (Web Worker 1)');
  assert.equal(threadName(trace, 3), 'ThreadPoolExecutor-0_0 (Web Worker 2)');
  assert.equal(byPhase(trace, 'M').filter((e) => e.name === 'thread_name').length, 4);
  // The program's own slice on the main thread, its whole wall time.
  const program = byPhase(trace, 'X').find((e) => e.cat === 'program');
  assert.deepEqual([program.name, program.tid, program.ts, program.dur], ['pool_as_completed', 2, 0, 300_500]);
  // Flows: from the main thread at the submission to the worker at the start.
  const starts = byPhase(trace, 's');
  const ends = byPhase(trace, 'f');
  assert.deepEqual(starts.map((e) => [e.id, e.tid, e.ts]), [[1, 2, 200], [2, 2, 300], [3, 2, 400]]);
  assert.deepEqual(ends.map((e) => [e.id, e.tid, e.ts, e.bp]), [[1, 3, 900, 'e'], [2, 4, 1100, 'e'], [3, 5, 1300, 'e']]);
  for (const s of starts) assert.equal(ends.find((f) => f.id === s.id).name, s.name);
  // Each `s` comes right after the zero-length submission slice it binds to.
  for (const s of starts) {
    const before = trace.traceEvents[trace.traceEvents.indexOf(s) - 1];
    assert.deepEqual([before.ph, before.cat, before.ts, before.dur, before.tid], ['X', 'submit', s.ts, 0, s.tid]);
  }
  // What the main thread printed, as instants on its thread.
  assert.deepEqual(byPhase(trace, 'i').map((e) => [e.name, e.tid, e.ts, e.s]), [['проспала 1 sec.', 2, 100_400, 't'], ['it took: 0.30 sec.', 2, 300_400, 't']]);
});

test('a Python run: GIL waits are slices inside their thread’s task, cut where stamped across its start', () => {
  const trace = toTrace(PYTHON);
  const waits = byPhase(trace, 'X').filter((e) => e.cat === 'gil');
  // 2.2–3 ms on thread 7 began before its task's start at 2.5: cut at the start. The
  // zero-length wait on the main thread is no slice.
  assert.deepEqual(waits.map((e) => [e.tid, e.ts, e.dur]), [[7, 100_000, 1000], [8, 2200, 300]]);
  assert.equal(threadName(trace, 6), 'MainThread (Web Worker 5)');
  assert.equal(threadName(trace, 8), 'Thread-2 (sleep) (Web Worker 7)');
  // A thread that only printed is named too.
  assert.equal(threadName(trace, 10), 'thread 9 (Web Worker 9)');
  const program = byPhase(trace, 'X').find((e) => e.cat === 'program');
  assert.equal(program.name, 'main.py');
  assert.deepEqual(
    byPhase(trace, 'i').filter((e) => e.cat === 'line').map((e) => [e.name, e.tid]),
    [['line 4: waits', 7], ['line 11: waits', 6]],
  );
  assert.equal(byPhase(trace, 'i').find((e) => e.cat === 'stderr').name, 'print()');
});

test('asyncio: coroutines that overlap on the page’s one thread get a lane each, named after it', () => {
  const trace = toTrace(ASYNC);
  const slices = taskSlices(trace);
  assert.equal(slices.length, 3);
  const tids = slices.map((e) => e.tid);
  assert.equal(new Set(tids).size, 3, 'three overlapping coroutines, three lanes');
  assert.ok(tids.includes(1), 'the first on the thread itself (tid 1 = thread 0)');
  assert.equal(threadName(trace, 1), "MainThread (the page's thread)");
  for (const tid of tids.filter((tid) => tid !== 1)) assert.match(threadName(trace, tid), /^MainThread \(the page's thread\): coroutines, lane \d$/);
  // Flows only to the lanes: the one on the main thread itself needs no arrow.
  assert.equal(byPhase(trace, 's').length, 2);
});

test('a stopped sequential run: no arrows on one thread, the unfinished task runs to the end, the unstarted has no slice', () => {
  const trace = toTrace(STOPPED);
  const slices = taskSlices(trace);
  assert.deepEqual(slices.map((e) => [e.args.task, e.tid, e.ts, e.dur]), [[0, 2, 0, 100_000], [1, 2, 100_000, 50_000]]);
  assert.equal(slices[1].args.error, 'CancelledError');
  assert.equal(byPhase(trace, 's').length, 0);
  // Three submissions, the unstarted task's too.
  assert.equal(byPhase(trace, 'X').filter((e) => e.cat === 'submit').length, 3);
  const program = byPhase(trace, 'X').find((e) => e.cat === 'program');
  assert.equal(program.args.cancelled, true);
});

test('a record loaded from a file with no wall time (a thread died) still ends its slices', () => {
  const trace = toTrace({ ...POOL, wallMs: null, tasks: [POOL.tasks[0], { ...POOL.tasks[1], finishedMs: null }] });
  assert.deepEqual(traceProblems(trace), []);
  const program = byPhase(trace, 'X').find((e) => e.cat === 'program');
  assert.equal(program.dur, 300_400, 'the last moment the record knows');
});

test('the format check fails on traces that break the rules', () => {
  const good = toTrace(POOL);
  const broken = (change) => {
    const trace = structuredClone(good);
    change(trace.traceEvents);
    return traceProblems(trace);
  };
  const x = (events) => events.find((e) => e.ph === 'X' && e.cat === 'sleep');
  const cases = {
    'no thread_name': (events) => events.splice(events.findIndex((e) => e.name === 'thread_name' && e.tid === 3), 1),
    'two thread_names': (events) => events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 3, args: { name: 'again' } }),
    'tid 0': (events) => (x(events).tid = 0),
    'string tid': (events) => (x(events).tid = 'worker'),
    'no ts': (events) => delete x(events).ts,
    'negative dur': (events) => (x(events).dur = -1),
    'no dur': (events) => delete x(events).dur,
    'no name': (events) => delete x(events).name,
    'slices that overlap without nesting': (events) => events.push({ name: 'across', ph: 'X', ts: 200_000, dur: 200_000, pid: 1, tid: 3 }),
    'a flow with no end': (events) => events.splice(events.findIndex((e) => e.ph === 'f'), 1),
    'a flow end with another name': (events) => (events.find((e) => e.ph === 'f').name = 'other'),
    'a flow start outside any slice': (events) => (events.find((e) => e.ph === 's').tid = 9),
    'a flow end before its start': (events) => (events.find((e) => e.ph === 'f').ts = 0),
    'a bad binding point': (events) => (events.find((e) => e.ph === 'f').bp = 'x'),
    'an unknown phase': (events) => (x(events).ph = 'Q'),
  };
  for (const [name, change] of Object.entries(cases)) assert.notDeepEqual(broken(change), [], `the check misses ${name}`);
  assert.notDeepEqual(traceProblems({ traceEvents: good.traceEvents, displayTimeUnit: 'us' }), []);
  assert.notDeepEqual(traceProblems({ events: [] }), []);
  assert.notDeepEqual(traceProblems({ traceEvents: [{ name: 'n', ph: 'X', ts: NaN, dur: 1, pid: 1, tid: 1 }] }), []);
});
