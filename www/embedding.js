// The page inside a course page: a compact layout, and the height told to the host
// so it can size the frame. The snippets a course author pastes are embed-panel.js,
// loaded when the panel is first opened.

/** Whether the page was opened in embed mode (`?embed=1`). */
export function embedded() {
  return new URLSearchParams(location.search).get('embed') === '1';
}

/** Tells the host page this page's height whenever it changes. */
export function reportHeight() {
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const height = document.documentElement.scrollHeight;
    if (height === last) return;
    last = height;
    // The height is no secret: any host may read it.
    window.parent.postMessage({ type: 'potoki:height', height }, '*');
  };
  new ResizeObserver(send).observe(document.body);
  send();
}
