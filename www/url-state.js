// The page's state in its URL, so that a link reproduces a run:
//   ?scenario=pool_as_completed&secs=5,4,3,2,1&workers=5&threads=16&lang=ru&autorun=1
// or, instead of secs, images=url1,url2,… (one per line in the page's editor) or
// compute=2000000,2000000. The student's own code, when there is some, is `code=`
// (the text, percent-encoded UTF-8) or, when long, `codez=` (compressed:
// editor/code-url.js), and `gil=0` runs it without the GIL. `embed=1` is the page
// inside a course page (embedding.js), `readonly=1` the code shown but not editable.

import { scenarioById, SCENARIOS } from './scenarios.js';

const LISTS = { sleep: 'secs', download: 'images', compute: 'compute' };

/**
 * Reads the state from a query string. Values are kept as typed (the checks and
 * their messages are the plan's job); only an unknown scenario falls back to the first.
 */
export function readState(search) {
  const params = new URLSearchParams(search);
  const get = (key) => params.get(key) ?? '';
  const list = (key) => (params.has(key) ? get(key) : null);
  const scenario = scenarioById(get('scenario')) ? get('scenario') : SCENARIOS[0].id;
  const images = list('images');
  const compute = list('compute');
  return {
    scenario,
    kind: images !== null ? 'download' : compute !== null ? 'compute' : 'sleep',
    secs: list('secs'),
    // One URL per line in the page; commas in the URL.
    images: images === null ? null : images.split(',').join('\n'),
    compute,
    workers: get('workers'),
    threads: get('threads'),
    lang: get('lang'),
    autorun: get('autorun') === '1',
    // The student's own code: the text, or null for the listing. `codez` (compressed)
    // is unpacked by the page before it shows anything (editor/code-url.js).
    code: list('code'),
    codez: list('codez'),
    gil: get('gil') !== '0',
    // Kept in the URL the page writes back, so a reload stays what it was.
    embed: get('embed') === '1',
    readonly: get('readonly') === '1',
  };
}

/** The query string for a state: only the list in use; empty fields left out. */
export function stateToSearch(state) {
  const params = new URLSearchParams();
  const set = (key, value) => {
    if (value !== null && value !== undefined && value !== '' && value !== false) params.set(key, value === true ? '1' : String(value));
  };
  set('embed', state.embed);
  set('scenario', state.scenario);
  const key = LISTS[state.kind];
  let list = state[key];
  if (key === 'images' && typeof list === 'string') {
    list = list.split('\n').map((line) => line.trim()).filter(Boolean).join(',');
  }
  set(key, list);
  for (const key of ['workers', 'threads', 'lang', 'autorun', 'readonly']) set(key, state[key]);
  if (state.code !== null && state.code !== undefined) {
    // `codeParam`: the code as the URL carries it, `{ code, key, value }`, once the
    // page has packed it (compression is asynchronous); until then the text itself.
    const packed = state.codeParam?.code === state.code ? state.codeParam : { key: 'code', value: state.code };
    params.set(packed.key, packed.value);
  }
  if (state.gil === false) params.set('gil', '0');
  // Commas, slashes and colons are safe in a query; keep the link readable.
  return params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/').replaceAll('%3A', ':');
}
