// The rules of Chrome's Trace Event Format that a trace must keep for ui.perfetto.dev
// and chrome://tracing to import it as drawn: the spec
// (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU)
// and what the two importers do beyond it (Perfetto's json_trace_tokenizer.cc and
// json_trace_parser_impl.cc, catapult's trace_event_importer.html). Used by the node
// test of www/trace.js and by the browser test of real runs.

const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'M', 's', 't', 'f', 'C', 'b', 'e', 'n']);
const METADATA = new Set(['process_name', 'thread_name', 'process_sort_index', 'thread_sort_index', 'process_labels']);

const isInt = (value) => Number.isInteger(value);
const isTime = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Every way `trace` breaks the format, as sentences; empty when it keeps every rule.
 * @returns {string[]}
 */
export function traceProblems(trace) {
  const problems = [];
  const say = (event, i, why) => problems.push(`traceEvents[${i}] (${event?.ph} ${JSON.stringify(event?.name)}): ${why}`);
  if (!trace || typeof trace !== 'object' || !Array.isArray(trace.traceEvents)) return ['not an object with a traceEvents array'];
  if (trace.displayTimeUnit !== undefined && !['ms', 'ns'].includes(trace.displayTimeUnit)) problems.push(`displayTimeUnit ${trace.displayTimeUnit} is neither "ms" nor "ns"`);
  if (JSON.stringify(JSON.parse(JSON.stringify(trace))) !== JSON.stringify(trace)) problems.push('does not survive JSON.stringify / JSON.parse');

  const threadNames = new Map(); // "pid/tid" → count
  const processNames = new Map();
  const used = new Set(); // "pid/tid" of every event that is not metadata
  const slices = new Map(); // "pid/tid" → [{ ts, end, i }]
  const flows = new Map(); // "cat/name/id" → { s: [event], f: [event] }
  trace.traceEvents.forEach((event, i) => {
    if (!event || typeof event !== 'object') return say(event, i, 'not an object');
    if (!PHASES.has(event.ph)) return say(event, i, `unknown phase ${JSON.stringify(event.ph)}`);
    if (typeof event.name !== 'string' || event.name === '') say(event, i, 'no name');
    // Required by the spec (ts may be left out only on metadata; we always give it).
    if (!isTime(event.ts)) say(event, i, `ts ${event.ts} is not a time ≥ 0 in µs`);
    // Numeric ids. Perfetto reads tid 0 as "no tid" and moves the event to tid = pid.
    if (!isInt(event.pid) || event.pid <= 0) say(event, i, `pid ${event.pid} is not a positive integer`);
    if (!isInt(event.tid) || event.tid <= 0) say(event, i, `tid ${event.tid} is not a positive integer`);
    if (event.args !== undefined && (typeof event.args !== 'object' || event.args === null || Array.isArray(event.args))) say(event, i, 'args is not an object');
    const thread = `${event.pid}/${event.tid}`;
    if (event.ph === 'M') {
      if (!METADATA.has(event.name)) say(event, i, 'unknown metadata event');
      if (event.name.endsWith('_name') && (typeof event.args?.name !== 'string' || !event.args.name)) say(event, i, 'a name event without args.name');
      if (event.name.endsWith('_sort_index') && !isInt(event.args?.sort_index)) say(event, i, 'a sort index that is not an integer');
      if (event.name === 'thread_name') threadNames.set(thread, (threadNames.get(thread) ?? 0) + 1);
      if (event.name === 'process_name') processNames.set(event.pid, (processNames.get(event.pid) ?? 0) + 1);
      return;
    }
    used.add(thread);
    if (event.ph === 'X') {
      if (!isTime(event.dur)) return say(event, i, `dur ${event.dur} is not a duration ≥ 0 in µs`);
      if (!slices.has(thread)) slices.set(thread, []);
      slices.get(thread).push({ ts: event.ts, end: event.ts + event.dur, i });
    }
    if (event.ph === 'i' || event.ph === 'I') {
      if (event.s !== undefined && !['g', 'p', 't'].includes(event.s)) say(event, i, `instant scope ${event.s}`);
    }
    if (event.ph === 's' || event.ph === 't' || event.ph === 'f') {
      // catapult refuses a flow event without a name, a category or an id; the id is
      // the flow's together with both.
      if (typeof event.cat !== 'string' || !event.cat) say(event, i, 'a flow event without cat');
      if (event.id === undefined || event.id === null) return say(event, i, 'a flow event without id');
      if (event.bp !== undefined && event.bp !== 'e') say(event, i, `binding point ${event.bp} (only "e" exists)`);
      const key = `${event.cat}/${event.name}/${event.id}`;
      if (!flows.has(key)) flows.set(key, { s: [], t: [], f: [] });
      flows.get(key)[event.ph].push({ event, i });
    }
  });

  // Slices of one thread nest: none starts inside another and ends after it.
  for (const [thread, list] of slices) {
    list.sort((a, b) => a.ts - b.ts || b.end - a.end);
    const open = [];
    for (const slice of list) {
      while (open.length && open.at(-1).end <= slice.ts) open.pop();
      const parent = open.at(-1);
      if (parent && slice.end > parent.end) problems.push(`thread ${thread}: traceEvents[${slice.i}] starts inside traceEvents[${parent.i}] and ends after it`);
      open.push(slice);
    }
  }
  // A flow starts once and ends once, later, each end inside a slice of its thread
  // (an `s`, and an `f` with bp "e", bind to the slice around them).
  const around = (event) => (slices.get(`${event.pid}/${event.tid}`) ?? []).some((slice) => slice.ts <= event.ts && event.ts <= slice.end);
  for (const [key, { s, f }] of flows) {
    if (s.length !== 1 || f.length !== 1) {
      problems.push(`flow ${key}: ${s.length} start(s) and ${f.length} end(s), not one of each`);
      continue;
    }
    if (f[0].event.ts < s[0].event.ts) problems.push(`flow ${key} ends before it starts`);
    if (!around(s[0].event)) problems.push(`flow ${key}: its start (traceEvents[${s[0].i}]) is in no slice of its thread`);
    if (f[0].event.bp === 'e' && !around(f[0].event)) problems.push(`flow ${key}: its end (traceEvents[${f[0].i}]) is in no slice of its thread`);
  }
  // One name per thread and per process, and every thread that has events named.
  for (const [thread, count] of threadNames) if (count !== 1) problems.push(`thread ${thread} has ${count} thread_name events`);
  for (const thread of used) if (!threadNames.has(thread)) problems.push(`thread ${thread} has events but no thread_name`);
  for (const [pid, count] of processNames) if (count !== 1) problems.push(`process ${pid} has ${count} process_name events`);
  return problems;
}
