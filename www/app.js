// The page: the plan form, the Run and Stop buttons, and everything a run shows —
// live, replayed, or loaded from an exported record. All the threads live in
// playground.js's pool; nothing here ever blocks.

import { createPlayground } from './playground.js';
import { CodePanel } from './editor/code-panel.js';
import { Program } from './editor/program.js';
import { embedded, reportHeight } from './embedding.js';
import { PlanForm } from './form.js';
import { detectLang, lang, setLang, t, translate } from './i18n.js';
import { listing } from './listings.js';
import { loadPythonViews, needsPythonViews } from './python-views.js';
import { eventTimes } from './run-model.js';
import { Scene } from './scene.js';
import { CompareView } from './view/compare.js';
import { seconds } from './view/format.js';
import { OutputView } from './view/output.js';
import { TaskTable } from './view/task-table.js';
import { TimeSummary } from './view/time-summary.js';
import { Timeline } from './view/timeline.js';

const $ = (id) => document.getElementById(id);
const app = $('app');
const runButton = $('run');
const stopButton = $('stop');
const status = $('status');
const replay = { play: $('replay-play'), prev: $('replay-prev'), next: $('replay-next'), slider: $('replay-slider'), time: $('replay-time') };

const code = new CodePanel($('code').closest('pre'), {
  onEdit: (text) => program.edited(text),
  // Editing makes the code the student's own: what that needs comes with the editor.
  beforeEdit: () => program.load(),
  onFail: (error) => {
    $('code-error').textContent = t('editorFailed', { message: error.message });
    $('code-error').hidden = false;
  },
});
const timeline = new Timeline($('timeline'), $('timeline-detail'));
const summary = new TimeSummary($('timing'));
const compare = new CompareView(document.querySelector('.compare'), $('compare'));
/** Taking a run away and bringing one back (export.js), and the thumbnails of a
 *  run's downloads (view/thumbnails.js): loaded on first need, not with the page. */
const exporting = () => import('./export.js');
let thumbnailsView = null;
const thumbnails = () =>
  (thumbnailsView ??= import('./view/thumbnails.js').then(({ Thumbnails }) => new Thumbnails(document.querySelector('.thumbnails'), $('thumbnails'))));
/** The files a Python run wrote (view/files.js, styled by python-views.css), loaded
 *  with the first one. */
let filesView = null;
const files = () => (filesView ??= Promise.all([import('./view/files.js'), loadPythonViews()]).then(([{ Files }]) => new Files($('tasks-details'))));
const scene = new Scene({ output: new OutputView($('output').querySelector('ol')), table: new TaskTable($('tasks')), timeline, code }, onDraw);
const form = new PlanForm(() => {
  // An edited plan: its code replaces the listing of the last run, and Run follows
  // the check. (A preset leaves the student's own code: form.choose.)
  program.render();
  if (scene.mode !== 'live' && !program.own) code.show(form.listing());
  setAppState(app.dataset.state);
});
// What Run runs: the listing, or the student's own code once they edit it.
const program = new Program({ form, panel: code, onChange: () => setAppState(app.dataset.state) });

let playground = null;
let running = null; // AbortController of the run in progress
let playing = 0; // animation frame of a replay that plays

function setStatus(key, params = {}) {
  status.dataset.key = key;
  status.dataset.params = JSON.stringify(params);
  status.textContent = t(key, params);
}

function setAppState(name) {
  app.dataset.state = name;
  runButton.disabled = !playground || playground.broken || !program.ok || name === 'running';
  stopButton.disabled = name !== 'running';
  const replayable = scene.mode === 'replay' && scene.record !== null;
  for (const control of [replay.play, replay.prev, replay.next, replay.slider, $('export-json'), $('export-svg'), $('export-trace')]) {
    control.disabled = !replayable;
  }
}

/** After each drawing: the replay slider and clock follow the moment shown. */
function onDraw(now) {
  if (scene.mode === 'replay') replay.slider.value = String(Math.round(now));
  replay.slider.dataset.now = String(now); // the exact moment (the slider rounds it)
  replay.time.textContent = seconds(now);
}

/** The code of a record's own run (a loaded record may not match the form); null
 *  for a Python run, whose record does not hold its code. */
function listingOf(record) {
  if (record.scenario === 'python') return null;
  const first = record.tasks[0];
  const kind = first?.kind ?? 'sleep';
  const items = record.tasks.map((task) => (kind === 'download' ? task.arg : (task.call.match(/\((.*)\)/)?.[1] ?? String(task.arg))));
  const workers = record.maxWorkers === null ? '' : String(record.maxWorkers);
  return listing(record.scenario, kind, items, workers);
}

/** A short name for a run in the list of runs compared (which adds its GIL setting). */
function titleOf(record) {
  return () => `${t(`scenario.${record.scenario}`)} · ${record.tasks.length} × ${record.tasks[0]?.call.split('(')[0] ?? ''}`;
}

/** The code to show: the student's own stays as typed; else the listing of the record
 *  shown (a run, a loaded record), or of the form. */
function showListing() {
  if (program.own) return;
  const record = scene.mode !== 'idle' ? scene.record : null;
  code.show((record && listingOf(record)) ?? form.listing());
}

function showRecord(record) {
  stopReplay();
  replay.slider.max = String(Math.ceil(record.wallMs));
  scene.show(record);
  summary.show(record, playground?.cores ?? navigator.hardwareConcurrency ?? 1);
  window.potokiLastRecord = record;
}

async function run() {
  // The plan was checked at its last edit, the code maybe not yet (typing settles
  // first): both are checked once more, in Rust.
  if (running || !program.check() || !program.ok) return setAppState(app.dataset.state);
  stopReplay();
  thumbnailsView?.then((view) => view.clear());
  filesView?.then((view) => view.clear());
  summary.show(null);
  if (!program.own) code.show(form.listing());
  // A Python run is drawn with views loaded on first need: asked for at once (the
  // scene waits for them if they are not in yet).
  if (program.own) loadPythonViews().catch(reportError);
  code.markLines('error-line', []);
  running = new AbortController();
  scene.live();
  setAppState('running');
  setStatus('running');
  try {
    const record = await playground.run(program.plan(), {
      signal: running.signal,
      onEvent: (event) => {
        if (event.type === 'image') thumbnails().then((view) => view.add(event, imageName(event.task)));
        else if (event.type === 'file') files().then((view) => view.add(event));
        else scene.apply(event);
      },
    });
    showRecord(record);
    // Not in the same frame: the finished run's picture comes first.
    setTimeout(() => compare.add(record, titleOf(record)));
    const secs = (record.wallMs / 1000).toFixed(2);
    if (record.error && !record.cancelled) {
      // The traceback is in the output (stderr); the line it came from is marked.
      if (record.error.line) code.markLines('error-line', [record.error.line]);
      setStatus('finishedError', { type: record.error.type, line: record.error.line ?? '?', secs });
    } else {
      setStatus(record.cancelled ? 'stopped' : record.hidden ? 'finishedHidden' : 'finished', { secs });
    }
    setAppState('done');
  } catch (error) {
    scene.mode = 'idle';
    setStatus('failed', { message: error.message });
    setAppState('failed');
  } finally {
    running = null;
    setAppState(app.dataset.state);
  }
}

/** The file name of a download task (its URL's last part). */
function imageName(task) {
  const url = scene.record?.tasks[task]?.arg ?? '';
  return String(url).split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? `#${task}`;
}

function stopReplay() {
  cancelAnimationFrame(playing);
  playing = 0;
  replay.play.textContent = t('replayPlay');
}

/** Plays the record from the slider's moment to its end, in real time. */
function playReplay() {
  if (playing) return stopReplay();
  const record = scene.record;
  const from = scene.now >= record.wallMs ? 0 : scene.now;
  const started = performance.now() - from;
  replay.play.textContent = t('replayPause');
  const step = () => {
    const now = performance.now() - started;
    scene.seek(now);
    if (now < record.wallMs) playing = requestAnimationFrame(step);
    else stopReplay();
  };
  playing = requestAnimationFrame(step);
}

/** Jumps the replay to the previous (-1) or next (+1) moment something happened. */
function stepReplay(direction) {
  stopReplay();
  const times = eventTimes(scene.record);
  const now = scene.now;
  const target = direction > 0 ? times.find((ms) => ms > now + 0.5) : times.findLast((ms) => ms < now - 0.5);
  scene.seek(target ?? (direction > 0 ? scene.record.wallMs : 0));
}

function listen() {
  $('plan').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  stopButton.addEventListener('click', () => running?.abort());
  $('lang').addEventListener('change', () => {
    form.state.lang = $('lang').value;
    setLang(form.state.lang);
    form.writeUrl();
    renderLanguage();
  });
  replay.play.addEventListener('click', playReplay);
  replay.prev.addEventListener('click', () => stepReplay(-1));
  replay.next.addEventListener('click', () => stepReplay(1));
  replay.slider.addEventListener('input', () => {
    stopReplay();
    scene.seek(Number(replay.slider.value));
  });
  $('export-json').addEventListener('click', async () => {
    const { download, fileName } = await exporting();
    download(fileName(scene.record, 'json'), 'application/json', JSON.stringify(scene.record, null, 2));
  });
  $('export-svg').addEventListener('click', async () => {
    const { download, fileName } = await exporting();
    download(fileName(scene.record, 'svg'), 'image/svg+xml', timeline.exportSvg());
  });
  $('export-trace').addEventListener('click', async () => (await exporting()).downloadTrace(scene.record));
  $('copy-link').addEventListener('click', async () => {
    const said = $('export-status');
    try {
      await navigator.clipboard.writeText(location.href);
      said.textContent = t('linkCopied');
    } catch {
      said.textContent = t('linkNotCopied', { url: location.href });
    }
  });
  $('load-record').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || running) return;
    const said = $('export-status');
    try {
      const record = await (await exporting()).readRecord(file);
      // A Python run's record is drawn with views loaded on first need.
      if (needsPythonViews(record)) await loadPythonViews();
      thumbnailsView?.then((view) => view.clear());
      if (record.files?.length) files().then((view) => view.show(record.files));
      else filesView?.then((view) => view.clear());
      showRecord(record);
      showListing();
      said.textContent = t('loaded', { scenario: record.scenario, tasks: record.tasks.length });
    } catch (error) {
      said.textContent = t('loadFailed', { message: error.message });
    }
    setAppState(app.dataset.state);
  });
  window.addEventListener('resize', () => scene.draw());
  $('embed-button').addEventListener('click', async () => (await import('./embed-panel.js')).toggleEmbedPanel($('embed-panel')));
}

/** Says whether the threads are real; in a frame that cannot have them, offers the
 *  page in a tab of its own, where the browser isolates it. */
function showMode() {
  const badge = $('mode-badge');
  badge.dataset.threaded = String(playground.threaded);
  badge.textContent = playground.threaded ? t('modeThreads', { threads: playground.threads }) : t('modeSimulated');
  const open = $('mode-open');
  const own = new URL(location.href);
  own.searchParams.delete('embed');
  open.href = own.href;
  open.hidden = playground.threaded || window.top === window;
}

/** Every string on the page again, in the language just chosen. */
function renderLanguage() {
  translate();
  $('lang').value = lang();
  form.render();
  program.render();
  if (status.dataset.key) status.textContent = t(status.dataset.key, JSON.parse(status.dataset.params));
  showListing();
  summary.refresh();
  compare.render();
  scene.refresh();
  if (!playing) replay.play.textContent = t('replayPlay');
  if (playground) showMode();
}

/** `readonly=1`: the code is shown, never edited, and the hint under it says so. */
function lockCode() {
  code.readOnly = true;
  $('code-hint').dataset.i18n = 'codeReadOnly';
}

async function main() {
  if (form.state.readonly) lockCode();
  if (embedded()) {
    document.documentElement.classList.add('embedded');
    $('tasks-details').open = false;
    reportHeight();
  }
  // The wasm and the Web Workers start first, in the background: they take longest.
  const threads = form.state.threads === '' ? undefined : Number(form.state.threads);
  const starting = createPlayground({ threads });
  setLang(detectLang(form.state.lang, navigator.languages ?? [navigator.language]));
  listen();
  await program.restore(); // the code of the link, if any (codez= is unpacked first)
  // A link's code runs on the interpreter: its views are asked for ahead of the run.
  if (program.own) loadPythonViews().catch(reportError);
  renderLanguage();
  setStatus('starting');
  // For the benchmark (bench/run.mjs): when the page became usable, and the pool ready.
  performance.mark('potoki:ui');
  try {
    playground = await starting;
  } catch (error) {
    setStatus('startFailed', { message: error.message });
    setAppState('failed');
    return;
  }
  performance.mark('potoki:ready');
  form.playground = playground;
  program.playground = playground;
  showMode();
  if (playground.threaded) setStatus('ready', { threads: playground.threads, cores: playground.cores });
  else setStatus('readySimulated');
  setAppState('ready');
  if (form.state.autorun && program.ok) run();
}

main();
