// potoki's JS API, for course pages that want their own UI, and for tests:
//
//   import { createPlayground, toTrace } from '/potoki.js';
//
// `createPlayground` and the rest are the playground's (`playground.js`, where the
// contract is written out); `toTrace` turns a run record into Chrome Trace Event
// JSON for ui.perfetto.dev and chrome://tracing (`trace.js`). The page itself
// imports `playground.js` and loads `trace.js` only when a trace is exported.
export * from './playground.js';
export { toTrace } from './trace.js';
