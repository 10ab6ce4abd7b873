// The Python a listing runs as on the interpreter: the text the page shows
// (listings.js), the whole list in it. Loaded on first need.

import { listing } from './listings.js';

/**
 * The code of a checked plan (`pg.check(plan)`: its scenario, its arguments as
 * Python writes them, its max_workers and where that came from).
 */
export function listingCode(checked) {
  // Seconds as Python writes them (`text`), images by their URL, counts by their n.
  const first = checked.args[0] ?? {};
  const kind = first.url !== undefined ? 'download' : first.n !== undefined ? 'compute' : 'sleep';
  const items = checked.args.map((arg) => ({ download: arg.url, compute: String(arg.n), sleep: arg.text })[kind]);
  // The default is Python's (`ThreadPoolExecutor()`), unless the pool is smaller.
  const workers = checked.workers.from === 'pythonDefault' ? '' : String(checked.maxWorkers);
  const lines = listing(checked.scenario, kind, items, workers, { language: checked.lang, full: true });
  return `${lines.map((line) => line.text).join('\n')}\n`;
}
