// Bundles the code editor (CodeMirror 6 and its Python language, www/editor/entry.js)
// with esbuild into pkg-editor/codemirror.js: one minified ES module, generated, never
// committed. The page imports it only when the student first focuses the code, so it
// costs nothing on the first load.
//
//   node tools/build-editor.mjs     # also run by tools/build.mjs (npm start, dist, test)

import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDependencies } from './npm-deps.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
export const EDITOR_DIR = join(repo, 'pkg-editor');
export const EDITOR_BUNDLE = join(EDITOR_DIR, 'codemirror.js');

/**
 * CodeMirror puts its styles into the document through style-mod, which writes a
 * `<style>` element for a document (constructed stylesheets only for shadow roots).
 * The page's Content-Security-Policy has `style-src 'self'` and no `unsafe-inline`
 * (tools/headers.mjs), so that element would be refused and the editor unstyled. A
 * constructed stylesheet (`new CSSStyleSheet()` + `document.adoptedStyleSheets`) is
 * CSSOM, which CSP does not govern, and every browser the page supports has it
 * (Chromium 73, Firefox 101, Safari 16.4). So the bundle's style-mod takes that
 * path for a document too, instead of the policy being loosened for the whole page
 * (a nonce cannot be fresh on a static host; `unsafe-inline` would admit any
 * injected style). Where `adoptedStyleSheets` is missing it still falls back to
 * the `<style>` element.
 */
const STYLE_MOD_CHECK = '!root.head && root.adoptedStyleSheets && win.CSSStyleSheet';
const constructedStyles = {
  name: 'style-mod: constructed stylesheets for documents too',
  setup(build) {
    build.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(STYLE_MOD_CHECK)) {
        throw new Error(`style-mod changed: "${STYLE_MOD_CHECK}" not found in ${args.path}; see tools/build-editor.mjs`);
      }
      return { contents: source.replace(STYLE_MOD_CHECK, 'root.adoptedStyleSheets && win.CSSStyleSheet'), loader: 'js' };
    });
  },
};

const BANNER = `// potoki's code editor: CodeMirror 6 (https://codemirror.net, MIT, Marijn Haverbeke
// and others) and Lezer's Python grammar (MIT), bundled by tools/build-editor.mjs
// from www/editor/entry.js. Generated: do not edit.`;

/** Builds pkg-editor/codemirror.js; returns its size `{ raw, gzip }` in bytes. */
export async function buildEditor() {
  ensureNpmDependencies();
  const esbuild = await import('esbuild');
  rmSync(EDITOR_DIR, { recursive: true, force: true });
  mkdirSync(EDITOR_DIR, { recursive: true });
  await esbuild.build({
    entryPoints: [join(repo, 'www', 'editor', 'entry.js')],
    outfile: EDITOR_BUNDLE,
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['chrome100', 'firefox110', 'safari16'],
    banner: { js: BANNER },
    legalComments: 'eof',
    plugins: [constructedStyles],
    logLevel: 'warning',
  });
  const bytes = readFileSync(EDITOR_BUNDLE);
  const size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  console.log(`✔ pkg-editor/codemirror.js: ${(size.raw / 1024).toFixed(1)} KiB, ${(size.gzip / 1024).toFixed(1)} KiB gzip`);
  return size;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildEditor().catch((error) => {
    console.error(`\n✘ editor build failed: ${error.message}`);
    process.exit(1);
  });
}
