// The markers of the threads on one line of code, as DOM: the same elements in the
// highlighted listing (view/code.js) and in the editor's gutter (editor/entry.js gets
// this function from code-panel.js, so the bundle stays CodeMirror's alone). Each is
// named for assistive technology, since its visible text is only the lane's label.

/**
 * `markers`: `[{ thread, line, waiting, main, colour, text, label }]` (thread-lines.js),
 * all on one line. Returns a `<span class="thread-markers">` holding one
 * `<span class="thread-marker" data-thread data-line>` each.
 */
export function threadMarkers(markers) {
  const group = document.createElement('span');
  group.className = 'thread-markers';
  for (const { thread, line, waiting, main, colour, text, label } of markers) {
    const marker = document.createElement('span');
    marker.className = 'thread-marker';
    // `data-colour`: its lane's colour on the timeline (style.css).
    Object.assign(marker.dataset, { thread, line, colour, state: waiting ? 'waiting' : 'running' });
    if (main) marker.dataset.main = '';
    marker.setAttribute('role', 'img');
    marker.setAttribute('aria-label', label);
    marker.title = label;
    marker.textContent = text;
    group.append(marker);
  }
  return group;
}

/** Groups markers by line: `Map(line → markers)`. */
export function byLine(markers) {
  const lines = new Map();
  for (const marker of markers) lines.set(marker.line, [...(lines.get(marker.line) ?? []), marker]);
  return lines;
}
