// How times and threads are written on the page.

import { t } from '../i18n.js';

/** Milliseconds since the run started, as seconds: `1.002 s`. */
export function seconds(ms) {
  return ms === null || ms === undefined ? t('none') : `${(ms / 1000).toFixed(3)} s`;
}

/** A thread as the student should read it: the main thread, or worker N. */
export function threadLabel(thread, mainThread) {
  if (thread === null || thread === undefined) return t('none');
  return thread === mainThread ? t('mainThread') : t('worker', { n: thread });
}
