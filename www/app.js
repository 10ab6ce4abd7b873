// The page: the student's plan in form fields and the URL, a Run button, and the
// run's events drawn as they arrive. All the threads live in potoki.js's pool;
// nothing here ever blocks.

import { createPlayground } from './potoki.js';
import { detectLang, lang, setLang, t, translate } from './i18n.js';
import { LESSON_IMAGES, SCENARIOS, scenarioById } from './scenarios.js';
import { readState, stateToSearch } from './url-state.js';
import { OutputView } from './view/output.js';
import { TaskTable } from './view/task-table.js';
import { Thumbnails } from './view/thumbnails.js';

const $ = (id) => document.getElementById(id);
const app = $('app');
const fields = {
  scenario: $('scenario'),
  secs: $('secs'),
  images: $('images'),
  workers: $('workers'),
  lang: $('lang'),
};
const runButton = $('run');
const stopButton = $('stop');
const status = $('status');
const planError = $('plan-error');
const output = new OutputView($('output'));
const table = new TaskTable($('tasks'));
const thumbnails = new Thumbnails(document.querySelector('.thumbnails'), $('thumbnails'));

const state = readState(location.search);
let playground = null;
let running = null; // AbortController of the run in progress
let planOk = false;
// The image list stays here while the student looks at sleeps, so switching back
// finds it again (the URL holds only the list in use).
let imagesText = state.images ?? LESSON_IMAGES.join('\n');

/** What the tasks do: sleep, or download the image list. */
function kind() {
  return state.images === null ? 'sleep' : 'download';
}

/** The plan the form describes, as the JS API takes it. */
function currentPlan() {
  const work = kind() === 'download' ? { images: state.images.split('\n') } : { secs: secsText() };
  return { scenario: state.scenario, ...work, workers: state.workers, lang: lang() };
}

/** The lesson's own numbers for the chosen listing, as the field shows them. */
function lessonSecs() {
  return scenarioById(state.scenario).secs.join(', ');
}

/** What the secs field holds: the student's text, or the lesson's numbers. */
function secsText() {
  return state.secs ?? lessonSecs();
}

function setStatus(key, params) {
  status.dataset.key = key;
  status.dataset.params = JSON.stringify(params ?? {});
  status.textContent = t(key, params);
}

function setAppState(name) {
  app.dataset.state = name;
  runButton.disabled = !playground || !planOk || name === 'running';
  stopButton.disabled = name !== 'running';
}

function writeUrl() {
  const search = stateToSearch(state);
  history.replaceState(null, '', search ? `?${search}` : location.pathname);
}

function renderScenarios() {
  const chosen = state.scenario;
  fields.scenario.replaceChildren(
    ...SCENARIOS.map(({ id }) => new Option(t(`scenario.${id}`), id, false, id === chosen)),
  );
  $('scenario-hint').textContent = t(`hint.${chosen}`);
  $('workers-field').hidden = !scenarioById(chosen).pool;
}

function renderAll() {
  translate();
  renderScenarios();
  fields.lang.value = lang();
  fields.secs.value = secsText();
  fields.images.value = imagesText;
  fields.workers.value = state.workers;
  for (const radio of document.querySelectorAll('input[name="kind"]')) radio.checked = radio.value === kind();
  $('secs-field').hidden = kind() !== 'sleep';
  $('images-field').hidden = kind() !== 'download';
  if (status.dataset.key) status.textContent = t(status.dataset.key, JSON.parse(status.dataset.params));
  checkPlan();
}

/** Checks the plan with the same code that runs it; shows the error at its field. */
function checkPlan() {
  planError.hidden = true;
  for (const field of [fields.secs, fields.images, fields.workers]) field.removeAttribute('aria-invalid');
  if (!playground) {
    planOk = false;
    return setAppState(app.dataset.state);
  }
  try {
    const plan = playground.check(currentPlan());
    const from = plan.workers.from;
    $('workers-note').textContent =
      from === 'given'
        ? t('workersGiven', { n: plan.maxWorkers })
        : from === 'cappedByPool'
          ? t('workersCapped', { python: plan.workers.pythonDefault, pool: playground.threads, n: plan.maxWorkers })
          : t('workersDefault', { n: plan.maxWorkers });
    planOk = true;
  } catch (error) {
    planOk = false;
    planError.textContent = error.message;
    planError.hidden = false;
    const place = error.message.split(/[[:]/)[0];
    const field = { workers: fields.workers, images: fields.images }[place] ?? fields.secs;
    field.setAttribute('aria-invalid', 'true');
  }
  setAppState(app.dataset.state);
}

function onEvent(event) {
  switch (event.type) {
    case 'begin':
      output.setMainThread(event.mainThread);
      table.setMainThread(event.mainThread);
      break;
    case 'print':
      output.add(event);
      break;
    case 'image':
      thumbnails.add(event, table.name(event.task));
      break;
    default:
      table.apply(event);
  }
}

async function run() {
  checkPlan();
  if (!planOk || running) return;
  output.clear();
  table.clear();
  thumbnails.clear();
  running = new AbortController();
  setAppState('running');
  setStatus('running');
  try {
    const record = await playground.run(currentPlan(), { onEvent, signal: running.signal });
    window.potokiLastRecord = record;
    setStatus(record.cancelled ? 'stopped' : 'finished', { secs: (record.wallMs / 1000).toFixed(2) });
    setAppState('done');
  } catch (error) {
    setStatus('failed', { message: error.message });
    setAppState('failed');
  } finally {
    running = null;
    setAppState(app.dataset.state);
  }
}

function listen() {
  fields.scenario.addEventListener('change', () => {
    // The lesson's numbers follow the listing until the student types their own.
    if (state.secs === lessonSecs()) state.secs = null;
    state.scenario = fields.scenario.value;
    writeUrl();
    renderAll();
  });
  fields.secs.addEventListener('input', () => {
    state.secs = fields.secs.value;
    writeUrl();
    checkPlan();
  });
  fields.images.addEventListener('input', () => {
    state.images = imagesText = fields.images.value;
    writeUrl();
    checkPlan();
  });
  for (const radio of document.querySelectorAll('input[name="kind"]')) {
    radio.addEventListener('change', () => {
      state.images = radio.value === 'download' ? imagesText : null;
      writeUrl();
      renderAll();
    });
  }
  $('lesson-images').addEventListener('click', () => {
    state.images = imagesText = LESSON_IMAGES.join('\n');
    writeUrl();
    renderAll();
  });
  fields.workers.addEventListener('input', () => {
    state.workers = fields.workers.value.trim();
    writeUrl();
    checkPlan();
  });
  fields.lang.addEventListener('change', () => {
    state.lang = fields.lang.value;
    setLang(state.lang);
    writeUrl();
    renderAll();
  });
  $('plan').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  stopButton.addEventListener('click', () => running?.abort());
}

async function main() {
  setLang(detectLang(state.lang, navigator.languages ?? [navigator.language]));
  listen();
  renderAll();
  setStatus('starting');
  const threads = state.threads === '' ? undefined : Number(state.threads);
  try {
    playground = await createPlayground({ threads });
  } catch (error) {
    setStatus('startFailed', { message: error.message });
    setAppState('failed');
    return;
  }
  setStatus('ready', { threads: playground.threads, cores: playground.cores });
  setAppState('ready');
  checkPlan();
  if (state.autorun && planOk) run();
}

main();
