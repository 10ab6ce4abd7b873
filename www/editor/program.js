// What Run runs: the lesson's listing as the form's fields make it, or, once the
// student has edited the code beyond the listing's list literal and max_workers
// (those edits are the fields' values: editor/literals.js), their own code, run by
// the Python interpreter (`pg.run({ code, gil, lang })`). While the code is their
// own, the listing's fields step aside (disabled, under a note with "Back to the
// listing"); the code is checked as it is typed (`pg.check`), a problem underlined
// at its place and said in an alert, and Run waits until it parses; the code and
// the GIL switch are kept in the URL (editor/code-url.js). Read-only (`readonly=1`,
// a course author's program shown as written), the code is what it is: no editor,
// no listing fields, no presets, no way back to a listing; Run and the GIL switch
// still work.

import { lang, t } from '../i18n.js';
import { packCode, unpackCode } from './code-url.js';

const $ = (id) => document.getElementById(id);

/** Typing pauses this long before the code is checked and written to the URL. */
const SETTLE_MS = 250;

export class Program {
  #form;
  #panel;
  #onChange;
  #playground = null;
  #timer = 0;
  /** The code's problem at its last check (`{ line, col, message }`), or null. */
  #problem = null;

  /**
   * `form`: the PlanForm (its `state` holds `code` and `gil`, as the URL does);
   * `panel`: the CodePanel; `onChange()` after anything that may change whether
   * Run can run.
   */
  constructor({ form, panel, onChange }) {
    this.#form = form;
    this.#panel = panel;
    this.#onChange = onChange;
    $('back-to-listing').addEventListener('click', () => this.backToListing());
    $('gil').addEventListener('change', () => {
      this.#form.state.gil = $('gil').checked;
      this.#form.writeUrl();
    });
  }

  /** Whether the code is the student's own (else it is the listing of the form). */
  get own() {
    return this.#form.state.code !== null;
  }

  /** Whether Run may run: the code parsed at its last check, or the listing's plan checks. */
  get ok() {
    return this.own ? this.#problem === null : this.#form.ok;
  }

  set playground(playground) {
    this.#playground = playground;
    this.check();
  }

  /** The plan for `pg.run`. */
  plan() {
    const { code, gil } = this.#form.state;
    return this.own ? { code, gil, lang: lang() } : this.#form.plan();
  }

  /** Takes the code from the URL (`codez=` is unpacked first) and shows it. */
  async restore() {
    const { state } = this.#form;
    if (state.code === null && state.codez !== null) {
      try {
        state.code = await unpackCode(state.codez);
        state.codeParam = { code: state.code, key: 'codez', value: state.codez };
      } catch (error) {
        this.#say(t('codeUnreadable', { message: error.message }));
      }
    }
    $('gil').checked = state.gil;
    if (this.own) this.#panel.showCode(state.code);
    this.render();
  }

  /**
   * The student edited the code: it is their own now, unless it is the listing again
   * (undo), or the listing with other values in its list or max_workers — then the
   * fields take those values (form.takeCode: the field, the URL, the check) and Run
   * runs the listing with them.
   */
  edited(text) {
    const { state } = this.#form;
    const listing = this.#form.listing().map((line) => line.text).join('\n');
    // No code while the listing's values are read, so the URL the form writes has none.
    state.code = null;
    if (text === listing) this.#form.check(); // the fields' problems, said again
    else if (!this.#form.takeCode(text)) state.code = text;
    this.render();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.check();
      this.#onChange();
      this.#writeUrl();
    }, SETTLE_MS);
    if (!this.own) {
      // Back to the listing by undo: nothing is left to check.
      this.check();
      this.#form.writeUrl();
    }
    this.#onChange();
  }

  /** The listing's code and fields again, in place of the student's code. */
  backToListing() {
    this.#form.state.code = null;
    this.#panel.show(this.#form.listing());
    this.check();
    this.render();
    this.#form.check(); // the fields' own problems, if any, are said again
    this.#form.writeUrl();
    this.#onChange();
    // The button that had focus is gone: the listing's first field takes it.
    $('scenario').focus();
  }

  /** Checks the code now (a run checks first, whatever the timer): true when it parses. */
  check() {
    let problem = null;
    if (this.own && this.#playground) {
      try {
        this.#playground.check({ code: this.#form.state.code });
      } catch (error) {
        problem = { line: error.line ?? null, col: error.col ?? null, message: error.message };
      }
    }
    // Only the code's own problems come and go here (not, say, a link's unreadable code).
    if (problem || this.#problem) this.#say(problem?.message ?? '');
    this.#problem = problem;
    this.#panel.setProblem(problem);
    return problem === null;
  }

  /** The note and the fields: the listing's, or stepped aside for the student's code. */
  render() {
    const own = this.own;
    const { readonly } = this.#form.state;
    // Left for a listing (a preset chosen): the code's problem went with the code.
    if (!own && this.#problem) this.check();
    // Read-only, the author's code is not "your own", and there is no going back.
    $('own-code').hidden = !own || readonly;
    $('listing-fields').disabled = own || readonly;
    $('listing-fields').hidden = own && readonly;
    $('preset').disabled = readonly;
    $('plan-error').hidden ||= own;
  }

  /** Says a problem with the code in its alert (empty: none). */
  #say(message) {
    const alert = $('code-error');
    alert.textContent = message;
    alert.hidden = message === '';
  }

  async #writeUrl() {
    const { state } = this.#form;
    if (state.code !== null) {
      const packed = await packCode(state.code);
      if (packed.code !== state.code) return; // typed on meanwhile: a later call writes
      state.codeParam = packed;
    }
    this.#form.writeUrl();
  }
}
