// The lesson's `%time` for a run: CPU time (what the tasks spent computing) against
// wall time (what passed), and what that says.

import { t } from '../i18n.js';

/** `0.42 ms`, `14 ms`, `1.2 s`: CPU times as %time writes them. */
export function duration(ms) {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** How many times faster than running the tasks one after another. */
export function speedup(record) {
  const sum = record.tasks.reduce((total, task) => total + Math.max((task.finishedMs ?? 0) - (task.startedMs ?? task.finishedMs ?? 0), 0), 0);
  return { sum, factor: record.wallMs > 0 ? sum / record.wallMs : 0 };
}

export class TimeSummary {
  #box;
  #record = null;
  #cores = 1;

  constructor(box) {
    this.#box = box;
    this.show(null);
  }

  /** Shows the summary of a finished `record` (null: the hint of what will be here). */
  show(record, cores = this.#cores) {
    this.#record = record;
    this.#cores = cores;
    if (!record) {
      const hint = document.createElement('p');
      hint.className = 'hint';
      hint.textContent = t('timeNone');
      this.#box.replaceChildren(hint);
      return;
    }
    const cpu = duration(record.cpuMs);
    const wall = duration(record.wallMs);
    const pre = document.createElement('pre');
    pre.className = 'time-lines';
    pre.textContent = `${t('timeCpu', { cpu })}\n${t('timeWall', { wall })}`;
    const say = document.createElement('p');
    const share = record.cpuMs / Math.max(record.wallMs, 1);
    const key = share > 1.15 ? 'timeParallel' : share > 0.6 ? 'timeBusy' : 'timeIdle';
    say.textContent = t(key, { cpu, wall, cores: this.#cores });
    const gain = document.createElement('p');
    const { sum, factor } = speedup(record);
    gain.textContent = t('timeSpeedup', { sum: duration(sum), wall, speedup: factor.toFixed(1) });
    this.#box.replaceChildren(pre, say, gain);
  }

  /** Writes the summary again in the current language. */
  refresh() {
    this.show(this.#record);
  }
}
