// Where each thread of a Python run is at a moment, read off its record's `line`
// events: the code panel puts a marker on each such line (view/thread-marker.js),
// named and ordered like the thread's lane on the timeline. The interpreter says a
// thread's line as it starts to wait (sleep, join, result, get, acquire) and as it
// runs again; between two such events the thread is on that line or has run on from
// it, and nothing more precise is known, so the marker stays there.

import { t } from './i18n.js';
import { lanesOf } from './view/timeline.js';
import { threadLabel } from './view/format.js';

/** The palette (style.css, `.thread-marker[data-lane]`): 0 for the main thread, then
 *  this many for the others, round again past the seventh lane. */
const OTHER_COLOURS = 7;

/**
 * The markers at `ms` of `record` (Infinity: everything received so far, as a live
 * run draws): `[{ thread, line, waiting, main, lane, text, label }]`, in lane order. A
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
        lane: main ? 0 : ((lane(thread) - 1) % OTHER_COLOURS) + 1,
        // The lane's own label, short enough for the gutter: "main", or the thread's number.
        text: main ? t('mainThreadLane') : String(thread),
        label: t(waiting ? 'threadLineWaiting' : 'threadLineRunning', { thread: name, lane: threadLabel(thread, record.mainThread), line }),
      };
    })
    .sort((a, b) => lane(a.thread) - lane(b.thread));
}
