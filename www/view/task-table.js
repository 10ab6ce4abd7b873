// One row per task: which thread ran it, when it was submitted, started, finished,
// and when the program's main thread received its result — the timeline as a
// table, for reading it cell by cell (and by screen reader).

import { t } from '../i18n.js';
import { seconds, threadLabel } from './format.js';

const COLUMNS = ['task', 'call', 'thread', 'submitted', 'started', 'finished', 'delivered', 'network', 'result'];

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

  constructor(table) {
    this.#body = table.tBodies[0];
  }

  clear() {
    this.#rows = [];
    this.#body.replaceChildren();
  }

  /** Shows `record`'s tasks as they stood at `now` ms, touching only what changed. */
  showAt(record, now) {
    const tasks = record.tasks.filter((task) => task && task.submittedMs !== null && task.submittedMs <= now);
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
        this.#body.append(row);
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
