// Where the program's main thread is at a moment of a run, read off its record:
// the role of the code lines it is on (listings.js). This is what the page marks
// in the listing while a run plays or is replayed.

const isTook = (text) => text.startsWith('it took') || text.startsWith('KeyboardInterrupt');

/** The role of the main thread's line at `t` ms of `record` (possibly unfinished). */
export function mainThreadRole(record, t) {
  const { tasks, output, mainThread, scenario } = record;
  const at = (ms) => ms !== null && ms !== undefined && ms <= t;
  const running = (task) => at(task.startedMs) && !at(task.finishedMs);
  const took = output.find((line) => line.thread === mainThread && isTook(line.text));
  if (took && t >= took.tMs) {
    // After "it took" only the interpreter's exit is left: it waits for stray threads.
    return tasks.some(running) ? 'exit' : 'took';
  }
  if (scenario === 'sequential') return tasks.some(running) ? 'call' : 'start';
  if (scenario === 'threads_join_in_loop') {
    return tasks.some((task) => at(task.startedMs) && !at(task.deliveredMs)) ? 'join' : 'start';
  }
  const submitted = tasks.filter((task) => at(task.submittedMs)).length;
  if (submitted === 0) return 'start';
  if (submitted < tasks.length || scenario === 'threads_no_join') return 'submit';
  // Every task is submitted: the main thread waits for results, or at the end of
  // the `with` block for the pool's threads.
  const unread = scenario === 'pool_map' && tasks[0]?.kind === 'download'; // the lesson's map: results never read
  const waiting = !unread && tasks.some((task) => !at(task.deliveredMs));
  if (waiting) return scenario === 'threads' ? 'join' : 'wait';
  return scenario.startsWith('pool') ? 'shutdown' : 'took';
}
