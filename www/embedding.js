// The page inside a course page: a compact layout, the height told to the host so
// it can size the frame, and the snippets a course author pastes.

import { t } from './i18n.js';

const PARAMS = ['scenario', 'secs', 'images', 'compute', 'workers', 'threads', 'lang', 'autorun', 'readonly', 'code', 'codez', 'gil'];

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

const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The two snippets for the page's current URL state: the element, and a plain iframe. */
export function snippets() {
  const page = new URL('./', location.href);
  const state = new URLSearchParams(location.search);
  const attributes = PARAMS.filter((name) => state.has(name))
    .map((name) => ` ${name}="${escape(state.get(name))}"`)
    .join('');
  const element =
    `<script type="module" src="${escape(new URL('embed.js', page).href)}"></script>\n` +
    `<potoki-lesson${attributes}></potoki-lesson>`;
  const frameUrl = new URL(page);
  frameUrl.searchParams.set('embed', '1');
  for (const name of PARAMS) if (state.has(name)) frameUrl.searchParams.set(name, state.get(name));
  const iframe =
    `<iframe src="${escape(frameUrl.href)}" allow="cross-origin-isolated" title="potoki"\n` +
    `        style="display:block;width:100%;height:900px;border:0"></iframe>`;
  return { element, iframe };
}

/** Shows or hides the panel with the snippets. */
export function toggleEmbedPanel(panel) {
  panel.hidden = !panel.hidden;
  if (panel.hidden) return;
  const { element, iframe } = snippets();
  panel.querySelector('#embed-element').value = element;
  panel.querySelector('#embed-iframe').value = iframe;
  panel.querySelector('#embed-element').focus();
  panel.querySelector('.hint').textContent = t('embedHelp');
}
