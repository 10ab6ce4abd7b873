// What only a Python run draws (thread-lines.js, view/thread-marker.js, view/gil.js,
// python-views.css) loads on first need, not with the page: app.js asks ahead, and a
// view that needs it sooner draws again once it is in (`readyToDraw`).

let views = null;
let loading = null;
const waiting = new WeakSet();

/** The stylesheet, in before anything it styles is drawn. */
function stylesheet() {
  return new Promise((onload, fail) => {
    const href = new URL('python-views.css', import.meta.url).href;
    const onerror = () => fail(new Error(`${href} did not load`));
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href, onload, onerror }));
  });
}

/** Loads them (once); resolves to their exports, in one object. */
export function loadPythonViews() {
  loading ??= Promise.all([stylesheet(), import('./thread-lines.js'), import('./view/thread-marker.js'), import('./view/gil.js')]).then(
    ([, ...modules]) => (views = Object.assign({}, ...modules)),
    (error) => {
      loading = null; // the next need tries again
      throw error;
    },
  );
  return loading;
}

/** Them once loaded, else null. */
export const pythonViews = () => views;

/** Whether drawing `record` takes them: a Python run's, or one with lines or GIL waits. */
export const needsPythonViews = (record) => record?.scenario === 'python' || record?.lines?.length > 0 || record?.gilWaits?.length > 0;

/** Whether `view` may draw `record` now; if not, `redraw()` follows once they are in
 *  (once per view, however often it asks meanwhile). */
export function readyToDraw(record, view, redraw) {
  if (views || !needsPythonViews(record)) return true;
  if (!waiting.has(view)) {
    waiting.add(view);
    loadPythonViews()
      .then(redraw, reportError)
      .finally(() => waiting.delete(view));
  }
  return false;
}
