// The Python a listing runs as on the interpreter (`pg.run({ ..., python: true })`):
// the text the page shows (listings.js), the whole list in it. Loaded on first need.

import { listing } from './listings.js';

/**
 * The code of a checked plan (`pg.check(plan)`: its scenario, its arguments as
 * Python writes them, its max_workers and where that came from).
 */
export function listingCode(checked) {
  const items = checked.args.map((arg) => arg.text);
  // The default is Python's (`ThreadPoolExecutor()`), unless the pool is smaller.
  const workers = checked.workers.from === 'pythonDefault' ? '' : String(checked.maxWorkers);
  const lines = listing(checked.scenario, 'sleep', items, workers, { language: checked.lang, full: true });
  return `${lines.map((line) => line.text).join('\n')}\n`;
}
