// potoki inside a course page, with one snippet:
//
//   <script type="module" src="https://YOUR-HOST/embed.js"></script>
//   <potoki-lesson scenario="pool_as_completed" secs="5,4,3,2,1" lang="ru"></potoki-lesson>
//
// The element makes an iframe of potoki's page in embed mode, with the element's
// attributes as the page's URL parameters, and follows the height the page reports.
// A program of the course author's own — a `code` attribute, a `src` file, or the
// text between the tags (lesson-program.js) — goes to the page as `code=`, or
// compressed as `codez=` when long (editor/code-url.js, the page's own encoder), so
// the frame's URL alone is the program, as a link to the page is. `readonly` shows
// it without an editor.
//
// Chromium 137+ isolates the frame on its own (real threads), through the
// Document-Isolation-Policy header the page is sent with: no iframe attribute is
// needed for that (tests/browser/iframe.test.mjs). `allow="cross-origin-isolated"`
// stays for a course page that is itself isolated in a browser without that header,
// where the permissions policy asks for it. Elsewhere the page runs its
// single-threaded build, says so, and links to itself in a tab of its own.
//
// This file and the two it imports are loaded cross-origin as modules, so they are
// served with Access-Control-Allow-Origin: * (tools/headers.mjs, EMBED_MODULES).

import { packCode } from './editor/code-url.js';
import { programOf } from './lesson-program.js';

const PAGE = new URL('./', import.meta.url);
/** Attributes passed on as the page's URL parameters, as written. */
const PARAMS = ['scenario', 'secs', 'images', 'compute', 'workers', 'threads', 'lang', 'gil', 'codez'];
/** Boolean attributes: present (and not "0" or "false") is `=1`, so `<potoki-lesson readonly>` works. */
const FLAGS = ['autorun', 'readonly'];
/** Where the program comes from (lesson-program.js); the program wins over `codez`. */
const SOURCES = ['code', 'src'];
const INITIAL_HEIGHT = 640;

const FAILED = {
  ru: 'potoki: программа не загрузилась — {message}',
  en: 'potoki: the program did not load — {message}',
};

class PotokiLesson extends HTMLElement {
  static observedAttributes = [...PARAMS, ...FLAGS, ...SOURCES];
  #frame = null;
  #error = null;
  /** Counts the frame's URLs asked for: a slow `src` fetch must not win over a later change. */
  #generation = 0;
  #onMessage = (event) => {
    const data = event.data;
    if (event.source !== this.#frame?.contentWindow || event.origin !== PAGE.origin) return;
    if (data?.type === 'potoki:height' && Number.isFinite(data.height)) {
      this.#frame.style.height = `${Math.ceil(data.height)}px`;
    }
  };

  connectedCallback() {
    window.addEventListener('message', this.#onMessage);
    if (this.#frame) return;
    // Defined while the course page is still being parsed (`<script type="module"
    // async>`), the program between the tags may not all be there yet: wait for it.
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.connectedCallback(), { once: true });
      return;
    }
    const root = this.attachShadow({ mode: 'open' });
    const frame = document.createElement('iframe');
    frame.allow = 'cross-origin-isolated';
    frame.title = this.getAttribute('title') ?? 'potoki';
    Object.assign(frame.style, { display: 'block', width: '100%', height: `${INITIAL_HEIGHT}px`, border: '0' });
    // A failed `src` is said here, where the frame would be, not left a blank box.
    const error = document.createElement('p');
    error.setAttribute('role', 'alert');
    error.className = 'potoki-error';
    Object.assign(error.style, { display: 'none', margin: '0', padding: '0.75rem 1rem', border: '2px solid #c62828', color: '#c62828', font: '1rem/1.4 system-ui, sans-serif' });
    root.append(frame, error);
    this.#frame = frame;
    this.#error = error;
    this.#load();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
  }

  attributeChangedCallback() {
    if (this.#frame) this.#load();
  }

  /** Points the frame at the page for this element, or says why it cannot. */
  async #load() {
    const generation = ++this.#generation;
    let src;
    try {
      src = await this.#src();
    } catch (error) {
      if (generation !== this.#generation) return;
      const lang = (this.getAttribute('lang') ?? document.documentElement.lang).startsWith('ru') ? 'ru' : 'en';
      this.#error.textContent = FAILED[lang].replace('{message}', error.message);
      this.#error.style.display = 'block';
      this.#frame.style.display = 'none';
      this.#frame.removeAttribute('src');
      return;
    }
    if (generation !== this.#generation) return;
    this.#error.style.display = 'none';
    this.#frame.style.display = 'block';
    this.#frame.src = src;
  }

  /** The page's URL for this element: embed mode, the attributes and the program as parameters. */
  async #src() {
    const url = new URL(PAGE);
    url.searchParams.set('embed', '1');
    for (const name of PARAMS) {
      const value = this.getAttribute(name);
      if (value !== null) url.searchParams.set(name, value);
    }
    for (const name of FLAGS) {
      const value = this.getAttribute(name);
      if (value !== null && value !== '0' && value !== 'false') url.searchParams.set(name, '1');
    }
    const program = await programOf(this);
    if (program !== null) {
      const { key, value } = await packCode(program);
      url.searchParams.delete('codez');
      url.searchParams.set(key, value);
    }
    return url.href;
  }
}

if (!customElements.get('potoki-lesson')) customElements.define('potoki-lesson', PotokiLesson);
