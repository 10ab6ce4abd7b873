// The lesson's `%time` for a run: CPU time (what the tasks spent computing) against
// wall time (what passed), and what that says. Only measured numbers: a task's CPU
// time leaves out the time its thread waited for a free core (src/cpu.rs), so CPU
// time never passes what the cores could give, and the speed-up is the time the
// tasks would take one after another over the time they took.

import { t } from '../i18n.js';

/** `0.42 ms`, `14 ms`, `1.2 s`: CPU times as %time writes them. */
export function duration(ms) {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The cores the run's threads had: simulated threads share the page's one. */
function coresOf(record) {
  return record.threaded === false ? 1 : record.cores ?? Infinity;
}

/**
 * The run's CPU time, at most what its cores could give in its wall time, and
 * whether it is an estimate (compute tasks: see src/cpu.rs).
 */
export function cpuTime(record) {
  const limit = record.wallMs * coresOf(record);
  return {
    ms: Math.min(record.cpuMs ?? 0, limit),
    estimated: record.tasks.some((task) => task.kind === 'compute'),
  };
}

/** What a task would take alone: its waits (not for a free connection) and its CPU time. */
function aloneMs(task) {
  if (task.startedMs === null || task.finishedMs === null) return { waited: 0, cpu: 0 };
  // A record saved before tasks had their own CPU time: their whole time.
  if (typeof task.cpuMs !== 'number') return { waited: Math.max(task.finishedMs - task.startedMs, 0), cpu: 0 };
  const { download } = task;
  const queued = download?.requestMs != null ? Math.max(download.requestMs - download.sentMs, 0) : 0;
  return { waited: Math.max(task.waitedMs - queued, 0), cpu: task.cpuMs };
}

/**
 * How many times faster than running the tasks one after another: their waits plus
 * their CPU time, over the wall time. The CPU part can never count more than the
 * cores gave, so CPU-bound tasks are never more than `cores` times faster.
 */
export function speedup(record) {
  let waited = 0;
  let cpu = 0;
  for (const task of record.tasks) {
    const alone = aloneMs(task);
    waited += alone.waited;
    cpu += alone.cpu;
  }
  const sum = waited + Math.min(cpu, record.wallMs * coresOf(record));
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
    const measured = cpuTime(record);
    const cpu = `${measured.estimated ? '≈' : ''}${duration(measured.ms)}`;
    const wall = duration(record.wallMs);
    const pre = document.createElement('pre');
    pre.className = 'time-lines';
    pre.textContent = `${t('timeCpu', { cpu })}\n${t('timeWall', { wall })}`;
    const say = document.createElement('p');
    if (measured.estimated) say.append(t('timeEstimated'), ' ');
    const share = measured.ms / Math.max(record.wallMs, 1);
    const key = share > 1.15 ? 'timeParallel' : share > 0.6 ? 'timeBusy' : 'timeIdle';
    say.append(t(key, { cpu, wall, cores: this.#cores }));
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
