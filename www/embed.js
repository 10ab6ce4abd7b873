// potoki inside a course page, with one snippet:
//
//   <script type="module" src="https://YOUR-HOST/embed.js"></script>
//   <potoki-lesson scenario="pool_as_completed" secs="5,4,3,2,1" lang="ru"></potoki-lesson>
//
// The element makes an iframe of potoki's page in embed mode, with the element's
// attributes as the page's URL parameters, and follows the height the page reports.
// Chromium 137+ isolates the frame on its own (real threads), through the
// Document-Isolation-Policy header the page is sent with: no iframe attribute is
// needed for that (tests/browser/iframe.test.mjs). `allow="cross-origin-isolated"`
// stays for a course page that is itself isolated in a browser without that header,
// where the permissions policy asks for it. Elsewhere the page runs its
// single-threaded build, says so, and links to itself in a tab of its own.
//
// This file is loaded cross-origin as a module, so it is served with
// Access-Control-Allow-Origin: *.

const PAGE = new URL('./', import.meta.url);
const PARAMS = ['scenario', 'secs', 'images', 'compute', 'workers', 'threads', 'lang', 'autorun', 'code', 'codez', 'gil'];
const INITIAL_HEIGHT = 640;

class PotokiLesson extends HTMLElement {
  static observedAttributes = PARAMS;
  #frame = null;
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
    const root = this.attachShadow({ mode: 'open' });
    const frame = document.createElement('iframe');
    frame.allow = 'cross-origin-isolated';
    frame.title = this.getAttribute('title') ?? 'potoki';
    Object.assign(frame.style, { display: 'block', width: '100%', height: `${INITIAL_HEIGHT}px`, border: '0' });
    frame.src = this.#src();
    root.append(frame);
    this.#frame = frame;
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
  }

  attributeChangedCallback() {
    if (this.#frame) this.#frame.src = this.#src();
  }

  /** The page's URL for this element: embed mode, the attributes as parameters. */
  #src() {
    const url = new URL(PAGE);
    url.searchParams.set('embed', '1');
    for (const name of PARAMS) {
      const value = this.getAttribute(name);
      if (value !== null) url.searchParams.set(name, value);
    }
    return url.href;
  }
}

if (!customElements.get('potoki-lesson')) customElements.define('potoki-lesson', PotokiLesson);
