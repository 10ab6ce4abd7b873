// Where each thread of a Python run is at a moment, read off its record's `line`
// events: the code panel puts a marker on each such line (view/thread-marker.js),
// named and ordered like the thread's lane on the timeline. The interpreter says a
// thread's line as it starts to wait (sleep, join, result, get, acquire) and as it
// runs again; between two such events the thread is on that line or has run on from
// it, and nothing more precise is known, so the marker stays there. The same events
// tell where a thread's bar on the timeline waits (`pythonWaits`).

import { STRINGS, t } from './i18n.js';
import { laneColour, lanesOf } from './view/timeline.js';
import { threadLabel } from './view/format.js';

// Its words come with it (i18n.js).
Object.assign(STRINGS.ru, {
  threadLineWaiting: '{lane} · {thread}: строка {line}, ждёт',
  threadLineRunning: '{lane} · {thread}: строка {line}, выполняется',
});
Object.assign(STRINGS.en, {
  threadLineWaiting: '{lane} · {thread}: line {line}, waiting',
  threadLineRunning: '{lane} · {thread}: line {line}, running',
});

/**
 * The markers at `ms` of `record` (Infinity: everything received so far, as a live
 * run draws): `[{ thread, line, waiting, main, colour, text, label }]`, in lane order
 * (`colour`: its lane's on the timeline, view/timeline.js's `laneColour`). A
 * thread has one while it is alive — the main thread until the run ends, any other
 * while one of its tasks runs — and once it has said a line.
 */
export function threadLinesAt(record, ms) {
  const at = (time) => time !== null && time !== undefined && time <= ms;
  // One pass over the tasks (a run may have thousands): the threads with one running,
  // and each thread's name.
  const running = new Set();
  const names = new Map();
  for (const task of record.tasks) {
    if (!task || task.thread === null) continue;
    if (!names.has(task.thread)) names.set(task.thread, task.threadName);
    if (at(task.startedMs) && !at(task.finishedMs)) running.add(task.thread);
  }
  const alive = (thread) => (thread === record.mainThread ? !at(record.wallMs) : running.has(thread));
  const last = new Map();
  for (const event of record.lines ?? []) {
    // The record keeps them in arrival order, which is the order of their stamps.
    if (at(event.tMs)) last.set(event.thread, event);
  }
  const lanes = lanesOf(record);
  const lane = (thread) => (lanes.includes(thread) ? lanes.indexOf(thread) : lanes.length + [...last.keys()].indexOf(thread));
  return [...last.values()]
    .filter((event) => alive(event.thread))
    .map(({ thread, line, waiting }) => {
      const main = thread === record.mainThread;
      const name = main ? 'MainThread' : (names.get(thread) ?? threadLabel(thread, record.mainThread));
      return {
        thread,
        line,
        waiting,
        main,
        colour: laneColour(lane(thread), lanes, record.mainThread),
        // The lane's own label, short enough for the gutter: "main", or the thread's number.
        text: main ? t('mainThreadLane') : String(thread),
        label: t(waiting ? 'threadLineWaiting' : 'threadLineRunning', { thread: name, lane: threadLabel(thread, record.mainThread), line }),
      };
    })
    .sort((a, b) => lane(a.thread) - lane(b.thread));
}

/**
 * The waits of a Python thread's task up to `end`, as pieces of its timeline bar
 * (`[['wait', from, to]]`; `lines`: its thread's line events). A Python thread runs
 * its bytecode unless its `line` events say it waits: from one that says `waiting` to
 * the next that does not (or the task's end). Without this the bar of a thread that
 * counts would read as one that sleeps.
 */
export function pythonWaits(task, end, lines) {
  const waits = [];
  let from = null;
  for (const line of lines) {
    if (line.tMs < task.startedMs || line.tMs > end) continue;
    if (line.waiting && from === null) from = line.tMs;
    else if (!line.waiting && from !== null) {
      waits.push(['wait', from, line.tMs]);
      from = null;
    }
  }
  if (from !== null) waits.push(['wait', from, end]);
  return waits;
}
