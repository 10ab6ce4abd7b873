// The code panel: the listing highlighted as plain text (view/code.js) until the
// student first focuses it, then CodeMirror in its place, holding the same text.
// CodeMirror (pkg-editor/codemirror.js, ~130 KB gzip, put in place by editor/mount.js)
// is imported at that moment and not before: opening the page costs what it did.
// What the student types while it loads is kept and typed into it once it is there.

import { CodeView } from '../view/code.js';
import { loadPythonViews, pythonViews } from '../python-views.js';

const textOf = (lines) => lines.map((line) => line.text).join('\n');

export class CodePanel {
  #pre;
  #static;
  #editor = null;
  #loading = null;
  /** The lines shown, with their roles (listings.js); roles only while a listing is shown. */
  #lines = [];
  /** Marked lines by kind, so that the editor shows what the static view showed. */
  #marks = {};
  #role = null;
  /** Each thread's marker (thread-lines.js), and them as text: redrawn only on a change. */
  #threads = [];
  #threadsKey = '[]';
  #problem = null;
  #onEdit;
  #onFail;
  #beforeEdit;
  /** What was typed on the static view while the editor loads: `{ text }` or `{ key }`
   *  ('Enter', 'Backspace', 'Delete'), in order. */
  #typed = [];
  /** Where the pointer went down on the static view: the editor's cursor goes there. */
  #pointer = null;
  /** `readonly=1`: the highlighted text stays, and the editor is never loaded. */
  readOnly = false;

  /**
   * `pre`: the panel's `<pre tabindex=0><code id="code">`. `onEdit(text)` after each
   * edit the student makes; `onFail(error)` if the editor cannot be loaded;
   * `beforeEdit()`: a promise of what else must be there before the first edit
   * (loaded with the editor, so that `onEdit` finds it).
   */
  constructor(pre, { onEdit, onFail, beforeEdit = () => null }) {
    this.#pre = pre;
    this.#static = new CodeView(pre.querySelector('code'));
    this.#onEdit = onEdit;
    this.#onFail = onFail;
    this.#beforeEdit = beforeEdit;
    pre.addEventListener('pointerdown', (event) => {
      this.#pointer = { x: event.clientX, y: event.clientY };
    });
    // Focus, by keyboard or by click (the <pre> is focusable), is when the student
    // may start to edit: load the editor then.
    pre.addEventListener('focusin', () => this.activate());
    pre.addEventListener('keydown', (event) => this.#keep(event));
    pre.addEventListener('paste', (event) => {
      if (!this.#loading) return;
      event.preventDefault();
      this.#typed.push({ text: event.clipboardData.getData('text/plain') });
    });
  }

  /** A key typed before the editor is there: kept for it (`#mount`), not lost. Tab
   *  and shortcuts stay the browser's: the static view is no editor yet. */
  #keep(event) {
    const { key } = event;
    if (!this.#loading || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const text = [...key].length === 1;
    if (!text && !['Enter', 'Backspace', 'Delete'].includes(key)) return;
    event.preventDefault(); // a space would scroll the page
    this.#typed.push(text ? { text: key } : { key });
  }

  /** Whether CodeMirror is in place. */
  get editing() {
    return this.#editor !== null;
  }

  /** The text shown. */
  get text() {
    return this.#editor ? this.#editor.text : textOf(this.#lines);
  }

  /** Shows a listing (`[{ text, role }]`, listings.js): the page's text, not an edit. */
  show(lines) {
    this.#lines = lines;
    this.#marks = {};
    this.#threads = [];
    this.#threadsKey = '[]';
    if (this.#editor) {
      this.#editor.setText(textOf(lines));
      this.#editor.mark('here', []);
      this.#editor.mark('error-line', []);
      this.#editor.threads([]);
    } else {
      this.#static.show(lines);
    }
  }

  /** Shows the student's own code (from a link): no roles to mark. */
  showCode(text) {
    this.show(text.split('\n').map((line) => ({ text: line, role: '' })));
  }

  /** Marks the lines of `role` (listings.js; null: none) as where the main thread is. */
  mark(role) {
    if (role === this.#role) return;
    this.#role = role;
    if (this.#editor) this.#editor.mark('here', this.#roleLines(role));
    else this.#static.mark(role);
  }

  /**
   * Shows each thread of a Python run on its line (`[{ thread, line, waiting, main,
   * colour, text, label }]`, thread-lines.js; [] clears them). The main thread's line is
   * also highlighted as a listing's is: its marker is what that highlight shows.
   */
  showThreads(markers) {
    const key = JSON.stringify(markers);
    if (key === this.#threadsKey) return;
    this.#threads = markers;
    this.#threadsKey = key;
    this.markLines('here', markers.filter((marker) => marker.main).map((marker) => marker.line));
    if (this.#editor) this.#editor.threads(markers);
    else this.#static.showThreads(markers);
  }

  /** Marks `lines` (1-based) as `kind`: 'error-line', the line an exception came from. */
  markLines(kind, lines) {
    this.#marks[kind] = lines;
    if (this.#editor) this.#editor.mark(kind, lines);
    else this.#static.markLines(kind, lines);
  }

  /** Underlines `{ line, col, message }` in the editor, or clears it (null). */
  setProblem(problem) {
    this.#problem = problem;
    this.#editor?.setProblem(problem);
  }

  /** The lines of `role` (listings.js; null: none), 1-based. */
  #roleLines(role) {
    const lines = [];
    this.#lines.forEach((line, i) => {
      if (role !== null && line.role === role) lines.push(i + 1);
    });
    return lines;
  }

  /** Loads CodeMirror (once) and puts it in the static view's place. */
  activate() {
    if (this.readOnly) return Promise.resolve();
    // The markers it draws in its gutter are a Python run's (python-views.js).
    this.#loading ??= Promise.all([import('./mount.js'), loadPythonViews(), this.#beforeEdit()])
      .then(([{ mountEditor }]) => mountEditor(this.#pre, () => this.#shown(), { threadMarkers: pythonViews().threadMarkers, onEdit: (text) => this.#edited(text) }))
      .then(
        ({ editor, focused }) => {
          this.#editor = editor;
          // What was typed meanwhile, where the cursor went: an edit like any other.
          const typed = this.#typed;
          this.#typed = [];
          if (typed.length) editor.type(typed, this.#pointer);
          // Focus follows only if the student is still here (the load takes a moment).
          if (focused) editor.focus(typed.length ? null : this.#pointer);
        },
        (error) => {
          this.#loading = null; // the next focus tries again
          this.#typed = [];
          this.#onFail(error);
        },
      );
    return this.#loading;
  }

  /** What the static view shows, for the editor to show the same. */
  #shown() {
    return { text: textOf(this.#lines), marks: { here: this.#roleLines(this.#role), ...this.#marks }, threads: this.#threads, problem: this.#problem };
  }

  /** The student's own text: no listing roles, no marks of the last run. */
  #edited(text) {
    this.#lines = text.split('\n').map((line) => ({ text: line, role: '' }));
    this.#role = null;
    this.#editor?.mark('here', []);
    this.markLines('error-line', []);
    this.showThreads([]);
    this.#onEdit(text);
  }
}
