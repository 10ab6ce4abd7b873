// Taking a run away: its record as JSON, its picture as SVG, its trace for Perfetto,
// the link that reproduces it; and bringing a record back to replay it.

import { checkRecord } from './run-model.js';

/** Saves `text` as a file named `name`. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once click() returns; release ours a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves the run as Chrome Trace Event JSON, to open in ui.perfetto.dev or chrome://tracing. */
export async function downloadTrace(record) {
  // Loaded on the first export: the page's first load does not carry it.
  const { toTrace } = await import('./trace.js');
  download('potoki-trace.json', 'application/json', JSON.stringify(toTrace(record)));
}

/** A file name for a run: `potoki-pool_map-2026-11-26T15-40-00.json`. */
export function fileName(record, extension) {
  const when = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  return `potoki-${record.scenario}-${when}.${extension}`;
}

/** Reads a record from a chosen file. @throws {Error} saying what is wrong with it */
export async function readRecord(file) {
  let value;
  try {
    value = JSON.parse(await file.text());
  } catch (error) {
    throw new Error(`not JSON (${error.message})`);
  }
  return checkRecord(value);
}
