// The lesson's listings, in lesson order: what the page offers. The Rust side keeps
// the same default numbers for API callers that give none; a browser test holds
// the two together.

export const SCENARIOS = [
  { id: 'sequential', pool: false, secs: [1, 1, 1, 1, 1] },
  { id: 'threads_no_join', pool: false, secs: [1, 1] },
  { id: 'threads_join_in_loop', pool: false, secs: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  { id: 'threads', pool: false, secs: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  { id: 'pool_submit', pool: true, secs: [5, 4, 3, 2, 1] },
  { id: 'pool_as_completed', pool: true, secs: [5, 4, 3, 2, 1] },
  { id: 'pool_map', pool: true, secs: [5, 4, 3, 2, 1] },
];

export function scenarioById(id) {
  return SCENARIOS.find((s) => s.id === id);
}
