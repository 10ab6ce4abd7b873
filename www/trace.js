// A run as a trace for ui.perfetto.dev and chrome://tracing: the run record (run-model.js)
// in Chrome's Trace Event Format, JSON Object Format —
// https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
//
//   { traceEvents: [...], displayTimeUnit: 'ms' }
//
// One process (the run); a thread per thread of the record, named by a `thread_name`
// metadata event; a complete (`X`) slice per task, per wait for the GIL and for the
// program on its main thread; a flow (`s` → `f`) from each submission, on the main
// thread, to the task's start; each printed line and each `line` event an instant.
// Both importers were read for what they need beyond the spec:
//   Perfetto: src/trace_processor/importers/json/json_trace_{tokenizer,parser_impl}.cc
//   catapult: tracing/tracing/extras/importer/trace_event_importer.html

const PID = 1;

/** The format counts in microseconds; the record in milliseconds from the run's start. */
const us = (ms) => Math.round(ms * 1000);

/**
 * A trace thread id for a record's thread. Never 0: Perfetto's importer takes tid 0
 * as "no tid" and puts the event on the thread whose tid is the pid, and Linux
 * traces reserve it for the idle task — yet thread 0 is the page's own thread.
 */
const tidOf = (thread) => thread + 1;

/**
 * The run `record` (what `pg.run` resolves to, or a downloaded record) as a trace.
 * @returns {{ traceEvents: object[], displayTimeUnit: 'ms' }}
 */
export function toTrace(record) {
  const tasks = record.tasks.filter(Boolean);
  const mainThread = record.mainThread ?? tasks.find((task) => task.thread !== null)?.thread ?? 0;
  const mainTid = tidOf(mainThread);
  const end = runEnd(record, tasks);
  const slices = []; // { tid, name, cat, ts, dur, args }
  const names = new Map(); // tid → the names Python gave the threads it ran
  const nameThread = (tid, name) => {
    if (!names.has(tid)) names.set(tid, new Set());
    if (name) names.get(tid).add(name);
  };
  nameThread(mainTid, 'MainThread');

  // The program itself, on its main thread: the slice that every submission sits in.
  slices.push({
    tid: mainTid,
    name: record.scenario === 'python' ? 'main.py' : String(record.scenario ?? 'run'),
    cat: 'program',
    ts: 0,
    dur: us(end),
    args: { scenario: record.scenario, wallMs: record.wallMs, cpuMs: record.cpuMs, cancelled: record.cancelled, threaded: record.threaded, gil: record.gil, error: record.error?.type ?? null },
  });

  // A slice per task that started, on the thread that ran it.
  const taskTid = new Map(); // task index → tid of its slice
  const lanes = new Lanes(Math.max(mainTid, ...tasks.map((task) => tidOf(task.thread ?? 0))) + 1);
  const started = tasks.filter((task) => task.thread !== null && task.startedMs !== null);
  started.sort((a, b) => a.startedMs - b.startedMs);
  for (const task of started) {
    const ts = us(task.startedMs);
    const finished = task.finishedMs ?? end;
    const dur = Math.max(0, us(finished) - ts);
    const tid = lanes.place(tidOf(task.thread), ts, ts + dur);
    taskTid.set(task.index, tid);
    nameThread(tidOf(task.thread), task.threadName);
    slices.push({ tid, name: task.call, cat: task.kind, ts, dur, args: taskArgs(task) });
  }

  // Each stretch a thread stood waiting for the GIL (Python runs with the GIL on). A
  // wait stamped across a task's start or end (the clocks are read a moment apart) is
  // cut there: the task's slice is the one that must stay whole.
  const taskSlices = [...slices.slice(1)];
  for (const wait of record.gilWaits ?? []) {
    const tid = tidOf(wait.thread);
    const ts = us(wait.fromMs);
    let to = us(wait.toMs);
    for (const task of taskSlices) {
      if (task.tid !== tid) continue;
      if (task.ts > ts) to = Math.min(to, task.ts);
      else if (task.ts + task.dur > ts) to = Math.min(to, task.ts + task.dur);
    }
    if (to <= ts) continue; // no wait worth a slice
    nameThread(tid);
    slices.push({ tid, name: 'waiting for the GIL', cat: 'gil', ts, dur: to - ts, args: { waitedMs: wait.toMs - wait.fromMs } });
  }

  const body = nest(slices).map((slice) => ({ ph: 'X', pid: PID, ...slice }));

  // Submission → start. A flow event binds to a slice around it on its thread, so each
  // submission is a zero-length slice on the main thread, followed at once by its `s`
  // (Perfetto binds `s` to the slice last opened at that moment; zero-length slices and
  // flow events of one timestamp keep their file order there). `bp: 'e'` binds the `f`
  // to the slice that encloses it, the task's own, instead of the next slice to begin.
  // The record does not say which thread submitted; in the lesson it is always the main
  // thread, and a Python thread started by another thread is drawn from the main one.
  const finishes = [];
  for (const task of tasks) {
    if (task.submittedMs === null || task.submittedMs === undefined) continue;
    const ts = us(task.submittedMs);
    body.push({ name: `submit ${task.call}`, cat: 'submit', ph: 'X', ts, dur: 0, pid: PID, tid: mainTid, args: { task: task.index } });
    const tid = taskTid.get(task.index);
    // A task the main thread ran itself (`sequential`) needs no arrow.
    if (tid === undefined || tid === mainTid) continue;
    const flow = { name: 'submitted → started', cat: 'flow', id: task.index + 1, pid: PID };
    body.push({ ...flow, ph: 's', ts, tid: mainTid });
    finishes.push({ ...flow, ph: 'f', bp: 'e', ts: Math.max(ts, us(task.startedMs)), tid });
  }
  body.push(...finishes);

  // What each thread printed, and where each Python thread waited and ran again.
  for (const line of record.output ?? []) {
    if (line.thread === null || line.thread === undefined) continue;
    const cat = line.stream === 'stderr' ? 'stderr' : 'print';
    body.push({ name: line.text.slice(0, 200) || 'print()', cat, ph: 'i', s: 't', ts: us(line.tMs), pid: PID, tid: tidOf(line.thread), args: { text: line.text } });
  }
  for (const line of record.lines ?? []) {
    const name = `line ${line.line}${line.waiting ? ': waits' : ''}`;
    body.push({ name, cat: 'line', ph: 'i', s: 't', ts: us(line.tMs), pid: PID, tid: tidOf(line.thread), args: { line: line.line, waiting: line.waiting } });
  }

  // Every thread of the trace named, a thread that only printed too; the main one first.
  for (const event of body) nameThread(event.tid);
  const threadNames = threadNamesOf(names, lanes.shared, mainTid, record.threaded);
  const events = [{ name: 'process_name', ph: 'M', ts: 0, pid: PID, tid: mainTid, args: { name: `potoki: ${record.scenario ?? 'run'}` } }];
  for (const [tid, name] of threadNames) {
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid, args: { name } });
    events.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: PID, tid, args: { sort_index: tid === mainTid ? -1 : tid } });
  }
  events.push(...body);
  return { traceEvents: events, displayTimeUnit: 'ms' };
}

/** When the run ended: its wall time, or its last moment if it never said (a thread died). */
function runEnd(record, tasks) {
  if (typeof record.wallMs === 'number') return record.wallMs;
  const times = [0];
  for (const task of tasks) for (const key of ['submittedMs', 'startedMs', 'finishedMs', 'deliveredMs']) if (typeof task[key] === 'number') times.push(task[key]);
  for (const line of record.output ?? []) times.push(line.tMs);
  return Math.max(...times);
}

/** What a task's slice says when selected: the record's own fields for it. */
function taskArgs(task) {
  const args = {
    task: task.index,
    threadName: task.threadName,
    submittedMs: task.submittedMs,
    startedMs: task.startedMs,
    finishedMs: task.finishedMs,
    deliveredMs: task.deliveredMs,
    waitedMs: task.waitedMs,
    cpuMs: task.cpuMs,
  };
  if ('ok' in task) args.result = task.ok;
  if ('error' in task) args.error = task.error;
  if (task.download) args.download = task.download;
  return args;
}

/**
 * One thread runs one task at a time, so tasks of one thread that overlap are
 * coroutines — asyncio's, which all run on the main thread. Drawn on one thread they
 * would overlap or nest as if one called the other; each gets a lane instead: a
 * thread of the trace that says whose coroutines it holds.
 */
class Lanes {
  #next;
  #freeAt = new Map(); // lane tid → when its last task ended
  /** Extra lane tid → the tid of the thread whose coroutines it holds. */
  shared = new Map();

  constructor(firstFree) {
    this.#next = firstFree;
  }

  /** The tid for a task [from, to] of thread `tid`: its own, or a lane beside it. */
  place(tid, from, to) {
    const lanes = [tid, ...[...this.shared].filter(([, of]) => of === tid).map(([lane]) => lane)];
    let lane = lanes.find((candidate) => (this.#freeAt.get(candidate) ?? -Infinity) <= from);
    if (lane === undefined) {
      lane = this.#next++;
      this.shared.set(lane, tid);
    }
    this.#freeAt.set(lane, to);
    return lane;
  }
}

/** A name per trace thread: Python's names for it, and which Web Worker it was. */
function threadNamesOf(names, shared, mainTid, threaded) {
  const result = new Map();
  const where = (tid) => (threaded === false ? `simulated thread ${tid - 1}` : tid === 1 ? "the page's thread" : `Web Worker ${tid - 1}`);
  for (const [tid, set] of [...names].sort(([a], [b]) => a - b)) {
    if (shared.has(tid)) continue;
    const python = tid === mainTid ? 'MainThread' : [...set].join(', ') || `thread ${tid - 1}`;
    result.set(tid, `${python} (${where(tid)})`);
  }
  const lanesOf = new Map();
  for (const [lane, of] of shared) {
    lanesOf.set(of, (lanesOf.get(of) ?? 1) + 1);
    result.set(lane, `${result.get(of)}: coroutines, lane ${lanesOf.get(of)}`);
  }
  return result;
}

/**
 * Each thread's slices in order (start, then the enclosing one first), checked to nest:
 * the importers build each thread's call stack from them. Should one still end after
 * the slice it starts in, it is cut there and says by how much (`clippedUs`).
 */
function nest(slices) {
  const sorted = [...slices].sort((a, b) => a.tid - b.tid || a.ts - b.ts || b.dur - a.dur);
  const stacks = new Map();
  for (const slice of sorted) {
    const stack = stacks.get(slice.tid) ?? [];
    stacks.set(slice.tid, stack);
    while (stack.length && stack.at(-1) <= slice.ts) stack.pop();
    const parentEnd = stack.at(-1);
    if (parentEnd !== undefined && slice.ts + slice.dur > parentEnd) {
      slice.args = { ...slice.args, clippedUs: slice.ts + slice.dur - parentEnd };
      slice.dur = parentEnd - slice.ts;
    }
    stack.push(slice.ts + slice.dur);
  }
  return sorted;
}
