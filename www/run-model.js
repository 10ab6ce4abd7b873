// A run record built up from the run's events as they arrive (docs/architecture.md,
// "The run record"): the events are the whole story, and the record is their fold. The JS
// API returns what this builds; the page draws a live run, a finished one and a
// loaded one from it.

export function emptyRecord() {
  return {
    scenario: null,
    lang: null,
    maxWorkers: null,
    threaded: true,
    cores: null,
    mainThread: null,
    wallMs: null,
    cpuMs: null,
    cancelled: false,
    // Python runs: the GIL setting, the exception the program ended on, and where each
    // thread was as it waited and ran again (`line` events).
    gil: null,
    error: null,
    lines: [],
    // Python runs with the GIL: each stretch a thread waited for it.
    gilWaits: [],
    output: [],
    tasks: [],
    // Python runs: the files the program wrote (`{ path, bytes, image }`).
    files: [],
  };
}

/** Applies one event to `record`; returns the record to keep (the final one on `end`). */
export function applyEvent(record, event) {
  const task = record.tasks[event.task];
  switch (event.type) {
    case 'begin':
      Object.assign(record, {
        scenario: event.scenario,
        lang: event.lang,
        threaded: event.threaded,
        cores: event.cores,
        mainThread: event.mainThread,
        maxWorkers: event.maxWorkers,
        gil: event.gil ?? null,
      });
      break;
    case 'submitted':
      // Tasks are made in index order, but a thread's task may be submitted (t.start())
      // after a later one was made: keep the slot, fill it in.
      record.tasks[event.task] = {
        index: event.task,
        kind: event.kind,
        arg: event.arg,
        call: event.call,
        thread: null,
        threadName: null,
        submittedMs: event.tMs,
        startedMs: null,
        finishedMs: null,
        deliveredMs: null,
        waitedMs: null,
        cpuMs: null,
        download: null,
      };
      break;
    case 'started':
      Object.assign(task, { thread: event.thread, threadName: event.threadName, startedMs: event.tMs });
      break;
    case 'downloaded':
      task.download = event.download;
      break;
    case 'finished':
      Object.assign(task, { finishedMs: event.tMs, waitedMs: event.waitedMs, cpuMs: event.cpuMs });
      if ('error' in event) task.error = event.error;
      else task.ok = event.ok;
      break;
    case 'delivered':
      task.deliveredMs = event.tMs;
      break;
    case 'print':
      record.output.push({ tMs: event.tMs, text: event.text, thread: event.thread, stream: event.stream });
      break;
    case 'gilWait':
      record.gilWaits.push({ thread: event.thread, fromMs: event.tMs - event.waitedMs, toMs: event.tMs });
      break;
    case 'line':
      record.lines.push({ tMs: event.tMs, thread: event.thread, line: event.line, waiting: event.waiting });
      break;
    case 'file':
      // The object URL is the page's, for this session: the record keeps the data.
      record.files.push({ path: event.path, bytes: event.bytes, image: event.image ?? null });
      break;
    case 'died':
      record.died = { thread: event.thread, message: event.message, tMs: event.tMs };
      break;
    case 'end':
      Object.assign(record, { wallMs: event.wallMs, cpuMs: event.cpuMs, cancelled: event.cancelled, error: event.error ?? null });
      break;
    default:
  }
  return record;
}

/** Every moment something happened in a record, sorted: the stops of a replay. */
export function eventTimes(record) {
  const times = new Set([0]);
  for (const task of record.tasks) {
    for (const key of ['submittedMs', 'startedMs', 'finishedMs', 'deliveredMs']) {
      if (task[key] !== null && task[key] !== undefined) times.add(task[key]);
    }
  }
  for (const line of record.output) times.add(line.tMs);
  // A Python thread's line changes as it waits and runs again: a step moves its marker.
  for (const line of record.lines ?? []) times.add(line.tMs);
  if (record.wallMs !== null) times.add(record.wallMs);
  return [...times].sort((a, b) => a - b);
}

/** Checks that `value` looks like a run record (a loaded file may be anything). */
export function checkRecord(value) {
  const fail = (why) => {
    throw new Error(why);
  };
  if (!value || typeof value !== 'object') fail('not a JSON object');
  if (typeof value.scenario !== 'string') fail('no "scenario"');
  if (!Array.isArray(value.tasks)) fail('no "tasks" list');
  if (!Array.isArray(value.output)) fail('no "output" list');
  if (typeof value.wallMs !== 'number') fail('no "wallMs"');
  for (const [i, task] of value.tasks.entries()) {
    if (typeof task !== 'object' || task === null || task.index !== i) fail(`tasks[${i}] is not task ${i}`);
    for (const key of ['submittedMs', 'startedMs', 'finishedMs', 'deliveredMs']) {
      if (task[key] !== null && typeof task[key] !== 'number') fail(`tasks[${i}].${key} is not a number`);
    }
    if (typeof task.call !== 'string') fail(`tasks[${i}] has no "call"`);
  }
  for (const [i, line] of value.output.entries()) {
    if (typeof line?.text !== 'string' || typeof line.tMs !== 'number') fail(`output[${i}] is not a line`);
  }
  return value;
}
