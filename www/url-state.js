// The page's state in its URL, so that a link reproduces a run:
// ?scenario=pool_as_completed&secs=5,4,3,2,1&workers=5&threads=16&lang=ru&autorun=1
// or, for downloads, images=url1,url2,… (one per line in the page's editor).

import { scenarioById, SCENARIOS } from './scenarios.js';

const KEYS = ['scenario', 'secs', 'images', 'workers', 'threads', 'lang', 'autorun'];

/**
 * Reads the state from a query string. Values are kept as typed (the checks and
 * their messages are the plan's job); only an unknown scenario falls back to the first.
 */
export function readState(search) {
  const params = new URLSearchParams(search);
  const get = (key) => params.get(key) ?? '';
  const scenario = scenarioById(get('scenario')) ? get('scenario') : SCENARIOS[0].id;
  return {
    scenario,
    secs: params.has('secs') ? get('secs') : null,
    // One URL per line in the page; commas in the URL.
    images: params.has('images') ? get('images').split(',').join('\n') : null,
    workers: get('workers'),
    threads: get('threads'),
    lang: get('lang'),
    autorun: get('autorun') === '1',
  };
}

/** The query string for a state: empty fields are left out. */
export function stateToSearch(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    let value = state[key];
    if (key === 'images' && typeof value === 'string') {
      value = value.split('\n').map((line) => line.trim()).filter(Boolean).join(',');
    }
    if (value === null || value === undefined || value === '' || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  // Commas, slashes and colons are safe in a query; keep the link readable.
  return params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/').replaceAll('%3A', ':');
}
