// The code panel: the listing highlighted as plain text (view/code.js) until the
// student first focuses it, then CodeMirror in its place, holding the same text.
// CodeMirror is a bundle of its own (pkg-editor/codemirror.js, ~130 KB gzip) that
// is imported at that moment and not before: opening the page costs what it did.

import { CodeView } from '../view/code.js';
import { threadMarkers } from '../view/thread-marker.js';

/** The bundle made by tools/build-editor.mjs, beside the page (dist/ keeps the layout). */
const BUNDLE = new URL('../pkg-editor/codemirror.js', import.meta.url).href;

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
  /** Where the pointer went down on the static view: the editor's cursor goes there. */
  #pointer = null;
  /** `readonly=1`: the highlighted text stays, and the editor is never loaded. */
  readOnly = false;

  /**
   * `pre`: the panel's `<pre tabindex=0><code id="code">`. `onEdit(text)` after each
   * edit the student makes; `onFail(error)` if the editor cannot be loaded.
   */
  constructor(pre, { onEdit, onFail }) {
    this.#pre = pre;
    this.#static = new CodeView(pre.querySelector('code'));
    this.#onEdit = onEdit;
    this.#onFail = onFail;
    pre.addEventListener('pointerdown', (event) => {
      this.#pointer = { x: event.clientX, y: event.clientY };
    });
    // Focus, by keyboard or by click (the <pre> is focusable), is when the student
    // may start to edit: load the editor then.
    pre.addEventListener('focusin', () => this.activate());
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
    if (!this.#editor) return this.#static.mark(role);
    const lines = [];
    this.#lines.forEach((line, i) => {
      if (role !== null && line.role === role) lines.push(i + 1);
    });
    this.#editor.mark('here', lines);
  }

  /**
   * Shows each thread of a Python run on its line (`[{ thread, line, waiting, main,
   * lane, text, label }]`, thread-lines.js; [] clears them). The main thread's line is
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

  /** Loads CodeMirror (once) and puts it in the static view's place. */
  activate() {
    if (this.readOnly) return Promise.resolve();
    this.#loading ??= import(BUNDLE).then(
      ({ createEditor }) => this.#mount(createEditor),
      (error) => {
        this.#loading = null; // the next focus tries again
        this.#onFail(error);
      },
    );
    return this.#loading;
  }

  #mount(createEditor) {
    const focused = this.#pre.contains(document.activeElement);
    // The editor takes the <pre>'s place and its id: a <pre> must not hold the
    // editor's blocks, and one tab stop is enough (the editor's own).
    const host = document.createElement('div');
    host.className = 'code-editor';
    this.#pre.querySelector('code').removeAttribute('id');
    host.id = 'code';
    this.#pre.replaceWith(host);
    // The roles of the static view's lines belong to the listing shown: kept.
    this.#editor = createEditor(host, {
      text: textOf(this.#lines),
      labelledBy: this.#pre.getAttribute('aria-labelledby'),
      describedBy: this.#pre.getAttribute('aria-describedby'),
      threadMarkers,
      onEdit: (text) => {
        // The student's own text: no listing roles, no marks of the last run.
        this.#lines = text.split('\n').map((line) => ({ text: line, role: '' }));
        this.#role = null;
        this.#editor.mark('here', []);
        this.markLines('error-line', []);
        this.showThreads([]);
        this.#onEdit(text);
      },
    });
    const role = this.#role;
    this.#role = null;
    this.mark(role);
    for (const [kind, lines] of Object.entries(this.#marks)) this.#editor.mark(kind, lines);
    this.#editor.threads(this.#threads);
    if (this.#problem) this.#editor.setProblem(this.#problem);
    // Focus follows only if the student is still here (the load takes a moment).
    if (focused || document.activeElement === document.body) this.#editor.focus(this.#pointer);
  }
}
