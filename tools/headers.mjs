// The response headers potoki needs, in one place: the dev server sends them, and
// `npm run dist` writes them for static hosts (_headers, nginx.conf).

/** Cross-origin isolation: what gives the page shared memory, so real threads. */
export const ISOLATION = {
  // Together these make the page crossOriginIsolated, so SharedArrayBuffer exists.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // Isolates the page even inside a course page's iframe that is not isolated
  // (Chromium 137+): https://github.com/explainers-by-googlers/document-isolation-policy
  'Document-Isolation-Policy': 'isolate-and-require-corp',
};

/**
 * What the page may load and run: its own scripts and styles only (no inline
 * script, no eval; `wasm-unsafe-eval` is what compiling WebAssembly needs), its
 * pool's workers from blob: URLs (wasm-bindgen-rayon makes them so), images and
 * downloads from anywhere (any CORS-enabled image works), thumbnails from blob:.
 * Whatever a URL parameter or an image name carries can only ever be text.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data: http: https:",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  'frame-ancestors *',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The modules a course page loads from potoki's host, cross-origin (so as CORS
 * requests): the <potoki-lesson> element and what it imports. Each is sent with
 * `Access-Control-Allow-Origin: *`; the rest of the page stays same-origin.
 */
export const EMBED_MODULES = ['/embed.js', '/lesson-program.js', '/editor/code-url.js'];
