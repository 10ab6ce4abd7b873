// One row per task: which thread ran it, when it was submitted, started, finished,
// and when the program's main thread received its result — the timeline as a
// table, for reading it cell by cell (and by screen reader).

import { t } from '../i18n.js';
import { seconds, threadLabel } from './format.js';

const COLUMNS = ['task', 'call', 'thread', 'submitted', 'started', 'finished', 'delivered', 'network', 'result'];
/** Rows kept on the page: a 10,000-task run shows its first ones (Export has all). */
const MAX_ROWS = 200;
/** Runs with more tasks than this are drawn only while the table is in sight. */
const BIG_RUN = 300;

/** A download's size and its waits: for a free connection, for the server, for the body. */
function network(download) {
  if (!download) return t('none');
  const { bytes, sentMs, requestMs, firstByteMs, lastByteMs } = download;
  const params = { kb: Math.round(bytes / 1024), first: seconds(firstByteMs), last: seconds(lastByteMs) };
  // Waiting for a connection shows only when the browser held the request back.
  if (requestMs !== null && requestMs - sentMs >= 20) {
    return t('network', { ...params, queued: seconds(requestMs - sentMs) });
  }
  return t('networkNoQueue', params);
}

/** The cells of a task's row as they stood at `now` ms. */
function cells(task, now, mainThread) {
  const by = (ms) => (ms !== null && ms !== undefined && ms <= now ? seconds(ms) : t('none'));
  const started = task.startedMs !== null && task.startedMs <= now;
  const finished = task.finishedMs !== null && task.finishedMs <= now;
  let result = t('none');
  if (finished) result = 'error' in task ? task.error : String(task.ok ?? 'None');
  return {
    task: String(task.index),
    call: task.call,
    thread: started ? `${threadLabel(task.thread, mainThread)} · ${task.threadName}` : t('none'),
    submitted: by(task.submittedMs),
    started: by(task.startedMs),
    finished: by(task.finishedMs),
    delivered: by(task.deliveredMs),
    network: task.download && task.download.lastByteMs <= now ? network(task.download) : t('none'),
    result,
  };
}

export class TaskTable {
  #body;
  #rows = [];
  #more = null;
  #visible = false;
  /** What to show once visible: `[record, now]`. */
  #pending = null;

  constructor(table) {
    this.#body = table.tBodies[0];
    // Out of sight, the table of a big run is not kept up to date (the browser would
    // lay out thousands of cells nobody sees); it catches up when scrolled to.
    new IntersectionObserver(([entry]) => {
      this.#visible = entry.isIntersecting;
      if (this.#visible && this.#pending) this.showAt(...this.#pending);
    }).observe(table);
  }

  clear() {
    this.#rows = [];
    this.#more = null;
    this.#pending = null;
    this.#body.replaceChildren();
  }

  /** A last row saying how many tasks are not shown. */
  #noteMore(hidden) {
    if (!hidden) {
      this.#more?.remove();
      this.#more = null;
      return;
    }
    if (!this.#more) {
      this.#more = document.createElement('tr');
      this.#more.className = 'more';
      this.#more.append(Object.assign(document.createElement('td'), { colSpan: COLUMNS.length }));
    }
    this.#more.firstChild.textContent = t('moreTasks', { n: hidden });
    this.#body.append(this.#more);
  }

  /** Shows `record`'s tasks as they stood at `now` ms, touching only what changed. */
  showAt(record, now) {
    this.#pending = [record, now];
    if (!this.#visible && record.tasks.length > BIG_RUN) return;
    const submitted = record.tasks.filter((task) => task && task.submittedMs !== null && task.submittedMs <= now);
    const tasks = submitted.slice(0, MAX_ROWS);
    this.#noteMore(submitted.length - tasks.length);
    while (this.#rows.length > tasks.length) this.#rows.pop().row.remove();
    tasks.forEach((task, i) => {
      let entry = this.#rows[i];
      if (!entry) {
        const row = document.createElement('tr');
        const cellsOf = {};
        for (const column of COLUMNS) {
          const cell = document.createElement(column === 'task' ? 'th' : 'td');
          if (column === 'task') cell.scope = 'row';
          cell.dataset.col = column;
          cellsOf[column] = cell;
          row.append(cell);
        }
        entry = { row, cells: cellsOf, shown: {} };
        this.#rows.push(entry);
        if (this.#more) this.#body.insertBefore(row, this.#more);
        else this.#body.append(row);
      }
      entry.row.dataset.task = task.index;
      if (task.thread !== null && task.startedMs <= now) entry.row.dataset.thread = task.thread;
      else delete entry.row.dataset.thread;
      entry.row.classList.toggle('failed', 'error' in task && task.finishedMs <= now);
      for (const [column, text] of Object.entries(cells(task, now, record.mainThread))) {
        if (entry.shown[column] !== text) {
          entry.cells[column].textContent = text;
          entry.shown[column] = text;
        }
      }
    });
  }

  /** Forgets what is shown so the next `showAt` writes every cell (after a language switch). */
  invalidate() {
    for (const entry of this.#rows) entry.shown = {};
  }
}
