// The snippets a course author pastes into a course page for the page's current
// settings: the <potoki-lesson> element, or a plain iframe. Loaded when the "Embed"
// panel is first opened, not with the page.

import { t } from './i18n.js';

const PARAMS = ['scenario', 'secs', 'images', 'compute', 'workers', 'threads', 'lang', 'autorun', 'readonly', 'code', 'codez', 'gil'];

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
