// One row per task: which thread ran it, when it was submitted, started, finished,
// and when the program's main thread received its result.

import { t } from '../i18n.js';
import { seconds, threadLabel } from './format.js';

/** A download's size and its waits: for a free connection, for the server, for the body. */
function network({ bytes, sentMs, requestMs, firstByteMs, lastByteMs }) {
  const kb = Math.round(bytes / 1024);
  const params = { kb, first: seconds(firstByteMs), last: seconds(lastByteMs) };
  // Waiting for a connection shows only when the browser held the request back.
  if (requestMs !== null && requestMs - sentMs >= 20) {
    return t('network', { ...params, queued: seconds(requestMs - sentMs) });
  }
  return t('networkNoQueue', params);
}

const COLUMNS = ['task', 'call', 'thread', 'submitted', 'started', 'finished', 'delivered', 'network', 'result'];

export class TaskTable {
  #body;
  #rows = new Map();
  #mainThread = null;

  constructor(table) {
    this.#body = table.tBodies[0];
  }

  clear() {
    this.#rows.clear();
    this.#body.replaceChildren();
  }

  setMainThread(thread) {
    this.#mainThread = thread;
  }

  /** The file name of a download task, from its call: `download_one_image(".../paw.jpg")`. */
  name(task) {
    const call = this.#rows.get(task)?.querySelector('[data-col="call"]').textContent ?? '';
    return call.match(/\.\.\.\/([^"]*)"/)?.[1] ?? `#${task}`;
  }

  #row(task) {
    let row = this.#rows.get(task);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.task = task;
      for (const column of COLUMNS) {
        const cell = document.createElement(column === 'task' ? 'th' : 'td');
        if (column === 'task') cell.scope = 'row';
        cell.dataset.col = column;
        cell.textContent = column === 'task' ? String(task) : t('none');
        row.append(cell);
      }
      this.#rows.set(task, row);
      this.#body.append(row);
    }
    return row;
  }

  #set(task, column, text) {
    this.#row(task).querySelector(`[data-col="${column}"]`).textContent = text;
  }

  /** Applies one run event to the table. */
  apply(event) {
    switch (event.type) {
      case 'submitted':
        this.#set(event.task, 'call', event.call);
        this.#set(event.task, 'submitted', seconds(event.tMs));
        break;
      case 'started': {
        const label = threadLabel(event.thread, this.#mainThread);
        this.#set(event.task, 'thread', `${label} · ${event.threadName}`);
        this.#row(event.task).dataset.thread = event.thread;
        this.#set(event.task, 'started', seconds(event.tMs));
        break;
      }
      case 'finished':
        this.#set(event.task, 'finished', seconds(event.tMs));
        this.#set(event.task, 'result', 'error' in event ? event.error : String(event.ok ?? 'None'));
        if ('error' in event) this.#row(event.task).classList.add('failed');
        break;
      case 'delivered':
        this.#set(event.task, 'delivered', seconds(event.tMs));
        break;
      case 'downloaded':
        this.#set(event.task, 'network', network(event.download));
        break;
      default:
    }
  }
}
