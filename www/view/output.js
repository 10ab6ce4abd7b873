// The program's printed lines, in the order and at the time they were printed.
// A `role="log"` list: screen readers announce new lines as they come.

import { t } from '../i18n.js';
import { seconds, threadLabel } from './format.js';

export class OutputView {
  #list;
  #mainThread = null;

  constructor(list) {
    this.#list = list;
    this.clear();
  }

  clear(mainThread = null) {
    this.#mainThread = mainThread;
    this.#list.replaceChildren();
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = t('outputEmpty');
    this.#list.append(empty);
  }

  setMainThread(thread) {
    this.#mainThread = thread;
  }

  /** Shows the lines of `lines` printed by `now` ms, adding or removing at the end. */
  showUpTo(lines, now) {
    let count = 0;
    while (count < lines.length && lines[count].tMs <= now) count++;
    const items = this.#list.querySelectorAll('li:not(.empty)');
    for (let i = items.length - 1; i >= count; i--) items[i].remove();
    for (let i = items.length; i < count; i++) this.#add(lines[i]);
    if (count === 0) this.clear(this.#mainThread); // the placeholder, in the current language
  }

  /** One printed line: `{ tMs, text, thread }`. */
  #add({ tMs, text, thread }) {
    this.#list.querySelector('.empty')?.remove();
    const item = document.createElement('li');
    item.dataset.thread = thread;
    if (thread === this.#mainThread) item.classList.add('main');
    if (text.startsWith('it took')) item.classList.add('took');
    const time = document.createElement('time');
    time.textContent = seconds(tMs);
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = threadLabel(thread, this.#mainThread);
    const line = document.createElement('span');
    line.className = 'text';
    line.textContent = text; // text, never markup: it can carry what the student typed
    item.append(time, who, line);
    this.#list.append(item);
  }
}
