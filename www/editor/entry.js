// The editor's CodeMirror side: the one module that knows CodeMirror. It is never
// loaded as is: `tools/build-editor.mjs` bundles it with esbuild into
// `pkg-editor/codemirror.js`, which the page imports only when the student first
// focuses the code (www/editor/code-panel.js). What it exports is a small facade,
// so nothing else on the page depends on CodeMirror's API.

import { deleteCharBackward, deleteCharForward, history, defaultKeymap, historyKeymap, indentWithTab, insertNewlineAndIndent } from '@codemirror/commands';
import { HighlightStyle, LanguageSupport, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { pythonLanguage } from '@codemirror/lang-python';
import { setDiagnostics } from '@codemirror/lint';
import { EditorState, RangeSet, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, drawSelection, gutter, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** The page's own token colours (style.css's --tok-*), so light and dark follow it. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword, tags.self], color: 'var(--tok-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--tok-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--tok-number)' },
  { tag: tags.comment, color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [tags.standard(tags.variableName), tags.function(tags.standard(tags.variableName))], color: 'var(--tok-builtin)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--panel)', color: 'var(--fg)', font: '0.85rem/1.45 var(--mono)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.45', maxHeight: '34rem', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--fg)', padding: '0.5rem 0' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--line) 35%, transparent)' },
  // The focus ring is the page's own, drawn around the whole panel (style.css).
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent)' },
  // The lines a run marks: where the main thread is, and the line an exception came from.
  '.cm-line.here': { backgroundColor: 'var(--here)', boxShadow: 'inset 4px 0 var(--fg)' },
  '.cm-line.error-line': { backgroundColor: 'color-mix(in srgb, var(--error) 18%, transparent)', boxShadow: 'inset 4px 0 var(--error)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--error)', textUnderlineOffset: '3px' },
  '.cm-tooltip': { backgroundColor: 'var(--bg)', color: 'var(--fg)', border: '1px solid var(--muted)' },
});

/** Marked lines, by kind ('here' | 'error-line'): set from outside, kept across edits. */
const setMarks = StateEffect.define();
const marks = StateField.define({
  create: () => ({}),
  update(value, tr) {
    let next = value;
    for (const effect of tr.effects) if (effect.is(setMarks)) next = { ...next, [effect.value.kind]: effect.value.lines };
    return next;
  },
  provide: (field) =>
    EditorView.decorations.compute([field, 'doc'], (state) => {
      const ranges = [];
      for (const [kind, lines] of Object.entries(state.field(field))) {
        for (const n of lines) {
          if (n >= 1 && n <= state.doc.lines) ranges.push(Decoration.line({ class: kind }).range(state.doc.line(n).from));
        }
      }
      return RangeSet.of(ranges, true);
    }),
});

/** Each thread's line in a run (`[{ thread, line, … }]`, www/thread-lines.js): set from
 *  outside, drawn in a gutter of their own by the page's `threadMarkers` (DOM). */
const setThreads = StateEffect.define();
const threads = StateField.define({
  create: () => [],
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setThreads)) return effect.value;
    return value;
  },
});

/** The markers of one line; equal when they would draw the same. */
class ThreadsMarker extends GutterMarker {
  constructor(markers, draw) {
    super();
    this.markers = markers;
    this.key = JSON.stringify(markers);
    this.draw = draw;
  }

  eq(other) {
    return other.key === this.key;
  }

  toDOM() {
    return this.draw(this.markers);
  }
}

/** The gutter, left of the line numbers (style.css gives it its width from the
 *  start, so that the code does not move when a run begins). */
function threadGutter(draw) {
  return gutter({
    class: 'cm-thread-gutter',
    markers: (view) => {
      const doc = view.state.doc;
      const lines = new Map();
      for (const marker of view.state.field(threads)) {
        if (marker.line >= 1 && marker.line <= doc.lines) lines.set(marker.line, [...(lines.get(marker.line) ?? []), marker]);
      }
      const ranges = [...lines].sort(([a], [b]) => a - b).map(([n, here]) => new ThreadsMarker(here, draw).range(doc.line(n).from));
      return RangeSet.of(ranges);
    },
  });
}

/**
 * Typing over a selection is done here, not by the browser. Left to contenteditable,
 * Chromium deletes a selection that spans lines by merging the lines' elements and
 * keeps their looks in `style` attributes, which the page's CSP (`style-src 'self'`)
 * refuses, with an error in the console each time (CodeMirror redraws the lines
 * anyway). Typing at a caret stays the browser's, as CodeMirror expects (input
 * methods, spell checkers).
 */
const replaceSelectionOnType = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || !event.data || event.isComposing || view.state.selection.ranges.every((r) => r.empty)) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});

/** An edit made by the page (a listing shown), not typed by the student. */
const FROM_PAGE = 'potoki.page';

/**
 * Makes an editor in `parent` holding `text`. `onEdit(text)` is called after each
 * edit the student makes (typing, paste, undo), never after `setText`.
 * `labelledBy`, `describedBy`: ids of the elements that name and explain the editor
 * (its heading; the hint saying how to leave it).
 */
export function createEditor(parent, { text, labelledBy, describedBy, threadMarkers, onEdit }) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        threads,
        threadGutter(threadMarkers),
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        // lang-python's python() also registers completion sources, which nothing here
        // shows: the language alone keeps the bundle smaller.
        new LanguageSupport(pythonLanguage),
        syntaxHighlighting(highlight),
        // Tab indents; Escape and then Tab moves focus on (CodeMirror's tab focus mode),
        // so the editor is no keyboard trap.
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        marks,
        theme,
        replaceSelectionOnType,
        EditorView.contentAttributes.of({
          'aria-labelledby': labelledBy ?? '',
          'aria-describedby': describedBy ?? '',
          spellcheck: 'false',
          autocapitalize: 'off',
          autocorrect: 'off',
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          if (update.transactions.some((tr) => tr.isUserEvent(FROM_PAGE))) return;
          onEdit(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    get text() {
      return view.state.doc.toString();
    },
    /** Replaces the text (a listing shown): not an edit of the student's. It stays in the
     *  history, so undo after "Back to the listing" brings the student's code back. */
    setText(next) {
      const now = view.state.doc.toString();
      if (next === now) return;
      // Only the part that differs is replaced (a field edited: the list literal or
      // max_workers), so the student's cursor and selection outside it stay put.
      let from = 0;
      const most = Math.min(now.length, next.length);
      while (from < most && now[from] === next[from]) from++;
      let tail = 0;
      while (tail < most - from && now[now.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
      // Never between the two halves of a surrogate pair.
      if (from > 0 && /[\uD800-\uDBFF]/.test(now[from - 1])) from--;
      if (tail > 0 && /[\uDC00-\uDFFF]/.test(now[now.length - tail])) tail--;
      view.dispatch({ changes: { from, to: now.length - tail, insert: next.slice(from, next.length - tail) }, userEvent: FROM_PAGE });
    },
    /** Marks `lines` (1-based) as `kind`: 'here' (a thread is there) or 'error-line'. */
    mark(kind, lines) {
      view.dispatch({ effects: setMarks.of({ kind, lines }) });
    },
    /** Shows each thread's marker on its line (www/thread-lines.js); [] clears them. */
    threads(markers) {
      view.dispatch({ effects: setThreads.of(markers) });
    },
    /** Underlines a problem `{ line, col, message }` (1-based), or clears it (null). */
    setProblem(problem) {
      const diagnostics = [];
      if (problem) {
        const doc = view.state.doc;
        const line = doc.line(Math.min(Math.max(problem.line ?? 1, 1), doc.lines));
        const from = Math.min(line.from + Math.max((problem.col ?? 1) - 1, 0), line.to);
        // At least one character, or the end of the line when the problem is there.
        const to = from < line.to ? from + 1 : from;
        diagnostics.push({ from, to, severity: 'error', message: problem.message });
      }
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /**
     * Types `typed` (`{ text }` or `{ key }`: 'Enter', 'Backspace', 'Delete') as the
     * student's own typing, the cursor first where the pointer was (`at`, page
     * coordinates) if given: what was typed on the code before the editor was there.
     */
    type(typed, at) {
      const pos = at ? view.posAtCoords(at) : null;
      if (pos !== null) view.dispatch({ selection: { anchor: pos } });
      const commands = { Enter: insertNewlineAndIndent, Backspace: deleteCharBackward, Delete: deleteCharForward };
      for (const { text, key } of typed) {
        if (key) commands[key]?.(view);
        else view.dispatch(view.state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true });
      }
    },
    /** Puts the cursor where the pointer was (page coordinates), or keeps it. */
    focus(at) {
      const pos = at ? view.posAtCoords(at) : null;
      if (pos !== null) view.dispatch({ selection: { anchor: pos } });
      view.focus();
    },
  };
}
