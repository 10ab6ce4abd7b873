// The student's own code, once they edit it or a link brings it (editor/program.js
// loads this then, not with the page): checked as it is typed (`pg.check`), a
// problem underlined at its place and said in an alert, Run waiting until it parses;
// kept in the URL with the GIL switch (editor/code-url.js); and "Back to the
// listing", which gives the form's listing its place again.

import { STRINGS, t } from '../i18n.js';
import { readListing } from './literals.js';
import { packCode, unpackCode } from './code-url.js';

// Its words come with it (i18n.js).
Object.assign(STRINGS.ru, { codeUnreadable: 'Код из ссылки не прочитать: {message}' });
Object.assign(STRINGS.en, { codeUnreadable: 'The code in the link cannot be read: {message}' });

const $ = (id) => document.getElementById(id);

/** Typing pauses this long before the code is checked and written to the URL. */
const SETTLE_MS = 250;

export class OwnCode {
  #form;
  #panel;
  #onChange;
  #playground;
  #render;
  #timer = 0;
  /** The code's problem at its last check (`{ line, col, message }`), or null. */
  problem = null;

  /** As editor/program.js's Program has them; `playground()`: the pool, once started;
   *  `render()`: Program's, for the note and the fields. */
  constructor({ form, panel, onChange, playground, render }) {
    this.#form = form;
    this.#panel = panel;
    this.#onChange = onChange;
    this.#playground = playground;
    this.#render = render;
  }

  get #own() {
    return this.#form.state.code !== null;
  }

  /** Whether Run may run the code: it parsed at its last check. */
  get ok() {
    return this.problem === null;
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
    if (this.#own) this.#panel.showCode(state.code);
  }

  /**
   * The student edited the code: it is their own now, unless it is the listing again
   * (undo), or the listing with other values in its list or max_workers (read by
   * literals.js) — then the fields take those values (form.takeValues: the field, the
   * URL, the check) and Run runs the listing with them.
   */
  edited(text) {
    const { state } = this.#form;
    const listing = this.#form.listing().map((line) => line.text).join('\n');
    // No code while the listing's values are read, so the URL the form writes has none.
    state.code = null;
    if (text === listing) this.#form.check(); // the fields' problems, said again
    else if (!this.#form.takeValues(readListing(text, this.#form.listingShape()))) state.code = text;
    this.#render();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.check();
      this.#onChange();
      this.#writeUrl();
    }, SETTLE_MS);
    if (!this.#own) {
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
    this.#render();
    this.#form.check(); // the fields' own problems, if any, are said again
    this.#form.writeUrl();
    this.#onChange();
    // The button that had focus is gone: the listing's first field takes it.
    $('scenario').focus();
  }

  /** Checks the code now: true when it parses (a listing's: nothing to check). */
  check() {
    let problem = null;
    const playground = this.#playground();
    if (this.#own && playground) {
      try {
        playground.check({ code: this.#form.state.code });
      } catch (error) {
        problem = { line: error.line ?? null, col: error.col ?? null, message: error.message };
      }
    }
    // Only the code's own problems come and go here (not, say, a link's unreadable code).
    if (problem || this.problem) this.#say(problem?.message ?? '');
    this.problem = problem;
    this.#panel.setProblem(problem);
    return problem === null;
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
