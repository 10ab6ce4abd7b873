// `npm run dist`: the deployable. A self-contained static folder, dist/: the page,
// both wasm builds (release, wasm-opt), the sample images, and the headers for the
// common hosts. Served by any static server with those headers, it works exactly
// like `npm start` (see tools/static-host.mjs to try it).
//
//   npm run dist              # dist/
//   npm run dist -- --coi     # also isolation through a service worker, for hosts
//                             # that cannot set headers (GitHub Pages)

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readdirSync } from 'node:fs';
import { build } from './build.mjs';
import { EMBED_MODULES, ISOLATION, SECURITY } from './headers.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(repo, 'dist');

// Why each header: COOP + COEP make the page cross-origin isolated, which is what
// gives it shared memory (real threads); Document-Isolation-Policy isolates it even
// inside a course page's iframe (Chromium 137+). CORP is `cross-origin` on every
// file, because a course page that is itself isolated may frame the page only if
// the page allows it; the files are public anyway. embed.js and the modules it
// imports are loaded by course pages as cross-origin modules (CORS requests); the
// sample images are offered to other origins too.
const ALL = { ...ISOLATION, 'Cross-Origin-Resource-Policy': 'cross-origin', ...SECURITY };
const lines = (headers, indent) => Object.entries(headers).map(([k, v]) => `${indent}${k}: ${v}`).join('\n');

const HEADERS = `# potoki — headers for Netlify and Cloudflare Pages (the same file format).
/*
${lines(ALL, '  ')}
${EMBED_MODULES.map((path) => `${path}\n  Access-Control-Allow-Origin: *\n`).join('')}/images/*
  Access-Control-Allow-Origin: *
  Timing-Allow-Origin: *
`;

const nginxLines = (headers) => Object.entries(headers).map(([k, v]) => `    add_header ${k} "${v}" always;`).join('\n');

const NGINX = `# potoki — the same headers for nginx. Put dist/ at /srv/potoki and include this
# file inside your server { } block. (nginx drops inherited add_header lines in a
# location that adds its own, so each location repeats them.)
location / {
    root /srv/potoki;
    types { application/wasm wasm; text/javascript js; text/html html; text/css css; image/svg+xml svg; image/jpeg jpg; application/json json; }
${nginxLines(ALL)}

${EMBED_MODULES.map(
  (path) => `    location = ${path} {
${nginxLines(ALL).replaceAll('    add_header', '        add_header')}
        add_header Access-Control-Allow-Origin "*" always;
    }
`,
).join('')}    location /images/ {
${nginxLines(ALL).replaceAll('    add_header', '        add_header')}
        add_header Access-Control-Allow-Origin "*" always;
        add_header Timing-Allow-Origin "*" always;
    }
}
`;

/** Copies a built package without its TypeScript declarations. */
function copyPackage(name) {
  cpSync(join(repo, name), join(DIST, name), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
}

/** The service worker that adds the isolation headers itself (coi-serviceworker), and
 *  the one script tag that registers it: the page reloads once on the first visit. */
export function addServiceWorker(dir = DIST) {
  const source = join(repo, 'node_modules', 'coi-serviceworker', 'coi-serviceworker.min.js');
  if (!existsSync(source)) throw new Error('coi-serviceworker missing: run `npm install`');
  cpSync(source, join(dir, 'coi-serviceworker.js'));
  const page = join(dir, 'index.html');
  const html = readFileSync(page, 'utf8').replace(
    '<script type="module" src="app.js"></script>',
    '<script src="coi-serviceworker.js"></script>\n  <script type="module" src="app.js"></script>',
  );
  writeFileSync(page, html);
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

export async function dist({ coi = false, skipBuild = false } = {}) {
  if (!skipBuild) await build({ release: true });
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST);
  // www/editor/entry.js is the editor bundle's source (pkg-editor/ is what ships).
  cpSync(join(repo, 'www'), DIST, { recursive: true, filter: (src) => src !== join(repo, 'www', 'editor', 'entry.js') });
  copyPackage('pkg');
  copyPackage('pkg-single');
  copyPackage('pkg-editor');
  writeFileSync(join(DIST, '_headers'), HEADERS);
  writeFileSync(join(DIST, 'nginx.conf'), NGINX);
  if (coi) addServiceWorker();
  const all = files(DIST);
  const size = all.reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`\n✔ dist/: ${all.length} files, ${(size / 1024).toFixed(0)} KiB${coi ? ', with the isolation service worker' : ''}`);
  for (const file of all.filter((f) => /\.(wasm|js)$/.test(f) && f.includes('pkg'))) {
    const bytes = readFileSync(file);
    console.log(`  ${relative(DIST, file)}: ${(bytes.length / 1024).toFixed(0)} KiB, ${(gzipSync(bytes).length / 1024).toFixed(0)} KiB gzip`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  dist({ coi: process.argv.includes('--coi') }).catch((error) => {
    console.error(`\n✘ dist failed: ${error.message}`);
    process.exit(1);
  });
}
