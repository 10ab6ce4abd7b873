// What Run runs: the lesson's listing as the form's fields make it, or the student's
// own code (edited, or from a link) on the Python interpreter, the listing's fields
// then set aside. What only their own code needs is editor/own-code.js, loaded on
// first need, not with the page. Read-only (`readonly=1`), the code is what it is:
// no editor, listing fields, presets or way back; Run and the GIL switch still work.

import { lang } from '../i18n.js';

const $ = (id) => document.getElementById(id);

export class Program {
  #form;
  #panel;
  #onChange;
  #playground = null;
  /** editor/own-code.js's OwnCode, once loaded; and its loading. */
  #ownCode = null;
  #loading = null;

  /**
   * `form`: the PlanForm (its `state` holds `code` and `gil`, as the URL does);
   * `panel`: the CodePanel; `onChange()` after anything that may change whether
   * Run can run.
   */
  constructor({ form, panel, onChange }) {
    this.#form = form;
    this.#panel = panel;
    this.#onChange = onChange;
    // The button shows only while the code is the student's own: OwnCode is in.
    $('back-to-listing').addEventListener('click', () => this.#ownCode?.backToListing());
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
    return this.own ? this.#ownCode?.ok === true : this.#form.ok;
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

  /** Loads what the student's own code needs (once); resolves to it. */
  load() {
    this.#loading ??= import('./own-code.js').then(
      ({ OwnCode }) => {
        const playground = () => this.#playground;
        const render = () => this.render();
        this.#ownCode = new OwnCode({ form: this.#form, panel: this.#panel, onChange: this.#onChange, playground, render });
        return this.#ownCode;
      },
      (error) => {
        this.#loading = null; // the next need tries again
        throw error;
      },
    );
    return this.#loading;
  }

  /** Takes the code from the URL, if it has any (`codez=` is unpacked first), and shows it. */
  async restore() {
    const { state } = this.#form;
    if (state.code !== null || state.codez !== null) await (await this.load()).restore();
    $('gil').checked = state.gil;
    this.render();
  }

  /** The student edited the code (editor/own-code.js takes it from here). */
  edited(text) {
    if (this.#ownCode) this.#ownCode.edited(text);
    else this.load().then((ownCode) => ownCode.edited(text), reportError);
  }

  /** Checks the code now (a run checks first, whatever the timer): true when it parses
   *  (a listing has no code of its own to check: its plan is the form's). */
  check() {
    return this.#ownCode?.check() ?? true;
  }

  /** The note and the fields: the listing's, or stepped aside for the student's code. */
  render() {
    const own = this.own;
    const { readonly } = this.#form.state;
    // Left for a listing (a preset chosen): the code's problem went with the code.
    if (!own && this.#ownCode?.problem) this.#ownCode.check();
    // Read-only, the author's code is not "your own", and there is no going back.
    $('own-code').hidden = !own || readonly;
    $('listing-fields').disabled = own || readonly;
    $('listing-fields').hidden = own && readonly;
    $('preset').disabled = readonly;
    $('plan-error').hidden ||= own;
  }
}
