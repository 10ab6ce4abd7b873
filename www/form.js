// The student's plan: the form's fields, kept in step with the URL, checked on
// every edit by the same Rust code that runs it, and the lesson's presets.

import { lang, t } from './i18n.js';
import { listing } from './listings.js';
import { PRESETS, presetById } from './presets.js';
import { LESSON_IMAGES, SCENARIOS, scenarioById } from './scenarios.js';
import { readState, stateToSearch } from './url-state.js';

const $ = (id) => document.getElementById(id);
// Counts the interpreter does in about a third of a second each, here.
const DEFAULT_COMPUTE = '50000, 50000, 50000, 50000';

export class PlanForm {
  /** Everything the form edits; what the URL holds. */
  state = readState(location.search);
  /** Whether the last check passed. */
  ok = false;
  #playground = null;
  #onChange;
  #fields = {
    scenario: $('scenario'),
    secs: $('secs'),
    images: $('images'),
    compute: $('compute'),
    workers: $('workers'),
    preset: $('preset'),
  };

  /** `onChange()` is called after every edit, once the plan is checked. */
  constructor(onChange) {
    this.#onChange = onChange;
    this.state.images ??= LESSON_IMAGES.join('\n');
    this.state.compute ??= DEFAULT_COMPUTE;
    this.#listen();
  }

  set playground(playground) {
    this.#playground = playground;
    this.render();
  }

  /** The lesson's own numbers for the chosen listing, as the field shows them. */
  #lessonSecs() {
    return scenarioById(this.state.scenario).secs.join(', ');
  }

  #secsText() {
    return this.state.secs ?? this.#lessonSecs();
  }

  /** The plan as the JS API takes it. */
  plan() {
    const { scenario, kind, workers } = this.state;
    const work = {
      sleep: () => ({ secs: this.#secsText() }),
      download: () => ({ images: this.state.images.split('\n') }),
      compute: () => ({ compute: this.state.compute }),
    }[kind]();
    // The GIL switch applies to a listing too: it runs as its Python.
    return { scenario, ...work, workers, gil: this.state.gil, lang: lang() };
  }

  /** The list's items as the listing writes them, from the field in use. */
  #items() {
    return {
      sleep: () => this.#secsText().replace(/[[\]]/g, '').split(/[\s,]+/).filter(Boolean),
      download: () => this.state.images.split('\n').map((l) => l.trim()).filter(Boolean),
      compute: () => this.state.compute.replace(/[[\]]/g, '').split(/[\s,]+/).filter(Boolean),
    }[this.state.kind]();
  }

  /** The lesson's code for the plan, with the student's list in it. */
  listing() {
    const { scenario, kind } = this.state;
    const workers = scenarioById(scenario).pool ? this.state.workers : '';
    return listing(scenario, kind, this.#items(), workers);
  }

  /** What an edited listing is read against (editor/literals.js's `readListing`). */
  listingShape() {
    const { state } = this;
    return { scenario: state.scenario, kind: state.kind, workers: state.workers, pool: scenarioById(state.scenario).pool };
  }

  /**
   * The values read from the student's edit of the listing (`{ items, workers }`, or
   * null when the edit went beyond its list and max_workers): they are the fields'
   * now — the field, the URL and the check follow, as if typed there — and this
   * returns true. Given null, nothing changes and it returns false. A value the
   * form refuses is kept and said at its field, as a typed one is.
   */
  takeValues(values) {
    const { state } = this;
    if (!values) return false;
    const same = (a, b) => a.length === b.length && a.every((item, i) => item === b[i]);
    // An unchanged list keeps its field as the student typed it ("5,4,3" stays so).
    if (!same(values.items, this.#items())) {
      const key = { sleep: 'secs', download: 'images', compute: 'compute' }[state.kind];
      state[key] = values.items.join(state.kind === 'download' ? '\n' : ', ');
      this.#fields[key].value = key === 'secs' ? this.#secsText() : state[key];
    }
    state.workers = values.workers;
    this.#fields.workers.value = state.workers;
    this.#edited({ notify: false });
    return true;
  }

  writeUrl() {
    const search = stateToSearch(this.state);
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
  }

  /** Puts the state into the fields (after a preset, a language switch, a load). */
  render() {
    const { state } = this;
    const f = this.#fields;
    f.scenario.replaceChildren(...SCENARIOS.map(({ id }) => new Option(t(`scenario.${id}`), id, false, id === state.scenario)));
    $('scenario-hint').textContent = t(`hint.${state.scenario}`);
    $('workers-field').hidden = !scenarioById(state.scenario).pool;
    f.secs.value = this.#secsText();
    f.images.value = state.images;
    f.compute.value = state.compute;
    f.workers.value = state.workers;
    for (const radio of document.querySelectorAll('input[name="kind"]')) radio.checked = radio.value === state.kind;
    $('secs-field').hidden = state.kind !== 'sleep';
    $('images-field').hidden = state.kind !== 'download';
    $('compute-field').hidden = state.kind !== 'compute';
    const simulated = this.#playground && !this.#playground.threaded;
    $('compute-help').textContent = t(simulated ? 'computeHelpSimulated' : 'computeHelp', { cores: navigator.hardwareConcurrency || 1 });
    this.#renderPresets();
    this.check();
  }

  #renderPresets() {
    const language = lang();
    const chosen = PRESETS.find((preset) => this.#matches(preset));
    const none = new Option(t('presetNone'), '', false, !chosen);
    const options = PRESETS.map((preset, i) => new Option(`${i + 1}. ${preset.title[language]}`, preset.id, false, preset === chosen));
    this.#fields.preset.replaceChildren(none, ...options);
    const text = $('preset-text');
    text.replaceChildren(...(chosen ? chosen[language] : []).map((line) => Object.assign(document.createElement('p'), { textContent: line })));
  }

  /** Whether the form holds exactly this preset. */
  #matches(preset) {
    const { state } = this;
    if (preset.scenario !== state.scenario || state.workers !== '') return false;
    const [key, value] = Object.entries(preset.work)[0];
    const kind = { secs: 'sleep', images: 'download', compute: 'compute' }[key];
    if (kind !== state.kind) return false;
    const current = key === 'secs' ? this.#secsText() : state[key];
    const norm = (text) => text.replace(/\s+/g, '');
    return norm(current) === norm(value);
  }

  /** Fills the form with a preset of the lesson. */
  choose(id) {
    const preset = presetById(id);
    if (!preset) return;
    const [key, value] = Object.entries(preset.work)[0];
    // A preset is a listing: choosing one leaves the student's own code (editor/program.js).
    Object.assign(this.state, { scenario: preset.scenario, workers: '', code: null, kind: { secs: 'sleep', images: 'download', compute: 'compute' }[key] });
    this.state[key] = value;
    this.writeUrl();
    this.render();
    this.#onChange();
  }

  /** Checks the plan with the same code that runs it; shows the error at its field. */
  check() {
    const error = $('plan-error');
    error.hidden = true;
    const f = this.#fields;
    for (const field of [f.secs, f.images, f.compute, f.workers]) field.removeAttribute('aria-invalid');
    if (!this.#playground) {
      this.ok = false;
      return;
    }
    try {
      const plan = this.#playground.check(this.plan());
      const from = plan.workers.from;
      $('workers-note').textContent =
        from === 'given'
          ? t('workersGiven', { n: plan.maxWorkers })
          : from === 'cappedByPool'
            ? t('workersCapped', { python: plan.workers.pythonDefault, pool: this.#playground.threads, n: plan.maxWorkers })
            : t('workersDefault', { n: plan.maxWorkers });
      this.ok = true;
    } catch (problem) {
      this.ok = false;
      error.textContent = problem.message;
      error.hidden = false;
      const place = problem.message.split(/[[:]/)[0];
      const field = { workers: f.workers, images: f.images, compute: f.compute }[place] ?? { sleep: f.secs, download: f.images, compute: f.compute }[this.state.kind];
      field.setAttribute('aria-invalid', 'true');
    }
  }

  /** After a field's edit; `notify: false` when it came from the code, which is
   *  already what it should be (editor/program.js says the rest). */
  #edited({ notify = true } = {}) {
    this.writeUrl();
    this.check();
    this.#renderPresets();
    if (notify) this.#onChange();
  }

  #listen() {
    const f = this.#fields;
    f.scenario.addEventListener('change', () => {
      // The lesson's numbers follow the listing until the student types their own.
      if (this.state.secs === this.#lessonSecs()) this.state.secs = null;
      this.state.scenario = f.scenario.value;
      this.writeUrl();
      this.render();
      this.#onChange();
    });
    f.secs.addEventListener('input', () => {
      this.state.secs = f.secs.value;
      this.#edited();
    });
    f.images.addEventListener('input', () => {
      this.state.images = f.images.value;
      this.#edited();
    });
    f.compute.addEventListener('input', () => {
      this.state.compute = f.compute.value;
      this.#edited();
    });
    f.workers.addEventListener('input', () => {
      this.state.workers = f.workers.value.trim();
      this.#edited();
    });
    for (const radio of document.querySelectorAll('input[name="kind"]')) {
      radio.addEventListener('change', () => {
        this.state.kind = radio.value;
        this.writeUrl();
        this.render();
        this.#onChange();
      });
    }
    $('lesson-images').addEventListener('click', () => {
      this.state.images = LESSON_IMAGES.join('\n');
      this.writeUrl();
      this.render();
      this.#onChange();
    });
    f.preset.addEventListener('change', () => this.choose(f.preset.value));
  }
}
