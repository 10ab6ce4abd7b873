// The GIL in the pictures: where each thread stood ready to run while another held
// it (the record's `gilWaits`), and how long a task spent so. A Python run with the
// GIL on is where the lesson's "threads do not speed up counting" becomes visible:
// the threads take turns, and the turns are drawn. Loaded on first need
// (python-views.js): a listing has no GIL.

/**
 * Each thread's GIL waits up to `now`, as `[from, to]` stretches in ms, sorted; waits
 * less than `gapMs` apart are one stretch. A thread that takes turns every few ms
 * waits hundreds of times a second: the picture gets as many rects as it has pixels
 * to show them, not one per wait.
 */
export function gilStretches(record, now, gapMs = 0) {
  const byThread = new Map();
  for (const wait of record.gilWaits ?? []) {
    if (wait.fromMs > now) continue;
    if (!byThread.has(wait.thread)) byThread.set(wait.thread, []);
    byThread.get(wait.thread).push([wait.fromMs, Math.min(wait.toMs, now)]);
  }
  for (const [thread, waits] of byThread) {
    waits.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const [from, to] of waits) {
      const last = merged.at(-1);
      if (last && from - last[1] < gapMs) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    byThread.set(thread, merged);
  }
  return byThread;
}

/** How long `thread` waited for the GIL between `from` and `to` ms (the part of each
 *  of its `stretches` inside). */
export function gilWaitedMs(stretches, thread, from, to) {
  let total = 0;
  for (const [a, b] of stretches.get(thread) ?? []) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return total;
}
