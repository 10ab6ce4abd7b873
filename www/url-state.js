// The page's state in its URL, so that a link reproduces a run:
// ?scenario=pool_as_completed&secs=5,4,3,2,1&workers=5&threads=16&lang=ru&autorun=1

import { scenarioById, SCENARIOS } from './scenarios.js';

const KEYS = ['scenario', 'secs', 'workers', 'threads', 'lang', 'autorun'];

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
    const value = state[key];
    if (value === null || value === undefined || value === '' || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  return params.toString().replaceAll('%2C', ',');
}
