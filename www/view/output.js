// The program's printed lines, in the order and at the time they were printed.
// A `role="log"` list: screen readers announce new lines as they come.

import { t } from '../i18n.js';
import { seconds, threadLabel } from './format.js';

/** Lines kept on the page: a 10,000-task run shows its last ones (Export has all). */
const MAX_LINES = 250;

export class OutputView {
  #list;
  #mainThread = null;
  /** The lines shown: `lines[start, end)`. */
  #start = 0;
  #end = 0;

  constructor(list) {
    this.#list = list;
    this.clear();
  }

  clear(mainThread = null) {
    this.#mainThread = mainThread;
    this.#start = 0;
    this.#end = 0;
    this.#list.replaceChildren();
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = t('outputEmpty');
    this.#list.append(empty);
  }

  setMainThread(thread) {
    this.#mainThread = thread;
  }

  /** Shows the lines of `lines` printed by `now` ms: the last few hundred of them. */
  showUpTo(lines, now) {
    let count = this.#end;
    while (count < lines.length && lines[count].tMs <= now) count++;
    while (count > 0 && lines[count - 1].tMs > now) count--;
    if (count === 0) return this.clear(this.#mainThread); // the placeholder, in the current language
    const start = Math.max(0, count - MAX_LINES);
    if (count < this.#end || start < this.#start || this.#end === 0) {
      // Back in time (a replay) or a first drawing: lay the window out anew.
      this.#list.replaceChildren();
      for (let i = start; i < count; i++) this.#add(lines[i]);
    } else {
      for (let i = this.#end; i < count; i++) this.#add(lines[i]);
      for (let i = this.#start; i < start; i++) this.#list.querySelector('li:not(.more)')?.remove();
    }
    this.#start = start;
    this.#end = count;
    this.#note(start);
  }

  /** The first item says how many earlier lines are not shown. */
  #note(hidden) {
    let more = this.#list.querySelector('.more');
    if (!hidden) return more?.remove();
    if (!more) {
      more = document.createElement('li');
      more.className = 'more';
      this.#list.prepend(more);
    }
    more.textContent = t('earlierLines', { n: hidden });
  }

  /** One printed line: `{ tMs, text, thread, stream }` (stream: Python's 'stdout' | 'stderr'). */
  #add({ tMs, text, thread, stream }) {
    this.#list.querySelector(':scope > .empty')?.remove();
    const item = document.createElement('li');
    item.dataset.thread = thread;
    if (thread === this.#mainThread) item.classList.add('main');
    // A traceback and whatever went to sys.stderr: set apart, as a terminal would.
    if (stream === 'stderr') item.classList.add('stderr');
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
