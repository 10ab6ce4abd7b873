// CodeMirror in the code panel's place, on the code's first focus (editor/code-panel.js
// imports this then, with the editor's bundle, and not with the page).

/** The bundle made by tools/build-editor.mjs, beside the page (dist/ keeps the layout). */
const BUNDLE = new URL('../pkg-editor/codemirror.js', import.meta.url).href;

/**
 * Loads the bundle and puts an editor in `pre`'s place, showing what the static view
 * showed: `shown()` says it once the bundle is in, `{ text, marks, threads, problem }`
 * (`marks`: lines by kind). `options`: createEditor's own (editor/entry.js).
 * Resolves to `{ editor, focused }`: whether the student is still on the code.
 */
export async function mountEditor(pre, shown, options) {
  const { createEditor } = await import(BUNDLE);
  const focused = pre.contains(document.activeElement) || document.activeElement === document.body;
  const { text, marks, threads, problem } = shown();
  // The editor takes the <pre>'s place and its id: a <pre> must not hold the
  // editor's blocks, and one tab stop is enough (the editor's own).
  const host = document.createElement('div');
  host.className = 'code-editor';
  pre.querySelector('code').removeAttribute('id');
  host.id = 'code';
  pre.replaceWith(host);
  const editor = createEditor(host, {
    text,
    labelledBy: pre.getAttribute('aria-labelledby'),
    describedBy: pre.getAttribute('aria-describedby'),
    ...options,
  });
  for (const [kind, lines] of Object.entries(marks)) editor.mark(kind, lines);
  editor.threads(threads);
  if (problem) editor.setProblem(problem);
  return { editor, focused };
}
