// The lesson's code for the chosen listing, highlighted, with the lines the main
// thread is on marked, and in a Python run a marker per thread on its line.

import { pythonViews } from '../python-views.js';

const KEYWORDS = new Set(['def', 'for', 'in', 'with', 'as', 'return', 'import', 'async', 'await', 'if', 'from', 'lambda', 'not', 'and', 'or']);
const BUILTINS = new Set(['print', 'range', 'int', 'round', 'sum', 'all', 'open']);
const TOKEN = /(#.*$)|((?:f|r|b)?"(?:[^"\\]|\\.)*"|(?:f|r|b)?'(?:[^'\\]|\\.)*')|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_]\w*)|(\s+)|(.)/g;

/** Splits a line of Python into `[kind, text]` tokens for highlighting. */
export function tokens(line) {
  const out = [];
  for (const m of line.matchAll(TOKEN)) {
    const [text, comment, string, number, word] = m;
    let kind = '';
    if (comment) kind = 'comment';
    else if (string) kind = 'string';
    else if (number) kind = 'number';
    else if (word && KEYWORDS.has(word)) kind = 'keyword';
    else if (word && BUILTINS.has(word)) kind = 'builtin';
    out.push([kind, text]);
  }
  return out;
}

export class CodeView {
  #code;
  #lines = [];

  constructor(code) {
    this.#code = code;
  }

  /** Shows `lines` (`[{ text, role }]` from listings.js). */
  show(lines) {
    this.#lines = lines.map(({ text, role }) => {
      const line = document.createElement('span');
      line.className = 'line';
      if (role) line.dataset.role = role;
      for (const [kind, text_] of tokens(text)) {
        if (!kind) {
          line.append(text_);
          continue;
        }
        const span = document.createElement('span');
        span.className = `tok-${kind}`;
        span.textContent = text_;
        line.append(span);
      }
      line.append('\n');
      return line;
    });
    this.#code.replaceChildren(...this.#lines);
  }

  /** Marks `lines` (1-based) as `kind` ('error-line': where an exception came from). */
  markLines(kind, lines) {
    const marked = new Set(lines);
    this.#lines.forEach((line, i) => line.classList.toggle(kind, marked.has(i + 1)));
  }

  /** Puts each thread's marker (thread-lines.js) at the end of its line; [] clears them. */
  showThreads(markers) {
    for (const group of this.#code.querySelectorAll('.thread-markers')) group.remove();
    if (!markers.length) return;
    // Markers come from a Python run's views (python-views.js), so they are in.
    const { byLine, threadMarkers } = pythonViews();
    for (const [n, here] of byLine(markers)) this.#lines[n - 1]?.prepend(threadMarkers(here));
  }

  /** Marks the lines of `role` (null: none) as where the main thread is. */
  mark(role) {
    for (const line of this.#lines) {
      const here = role !== null && line.dataset.role === role;
      line.classList.toggle('here', here);
      if (here) line.setAttribute('aria-current', 'step');
      else line.removeAttribute('aria-current');
    }
  }
}
