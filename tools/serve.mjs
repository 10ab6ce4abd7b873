// potoki's dev server: the page (www/), the wasm builds (pkg/, pkg-single/) and the
// code editor's bundle (pkg-editor/), with the headers that make the page
// cross-origin isolated, which real threads need
// (SharedArrayBuffer: https://web.dev/articles/coop-coep).
//
//   node tools/serve.mjs            # http://127.0.0.1:8000
//   PORT=9000 node tools/serve.mjs
//
// No framework: node:http and a folder map. Also imported by the browser tests,
// which start it on a free port.
//
// A simulated network for the sample images (/images/…):
//   ?delay=MS    wait before the first byte (the server's latency), up to 60 s
//   ?kbps=N      send the body at N kilobits per second
//   ?cors=0      leave out Access-Control-Allow-Origin (to see a CORS failure)
// and /images/synthetic.jpg?bytes=N: a body of N bytes that starts like a JPEG, sent
// without a Content-Length (to see the 20 MB limit stop a download mid-body).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBED_MODULES, ISOLATION, SECURITY } from './headers.mjs';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** URL prefix → folder. The longest matching prefix wins. */
export const FOLDERS = {
  '/pkg/': join(repo, 'pkg'),
  '/pkg-single/': join(repo, 'pkg-single'),
  '/pkg-editor/': join(repo, 'pkg-editor'),
  '/': join(repo, 'www'),
};

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** The headers every response carries: isolation (for threads) and security. */
export const ISOLATION_HEADERS = {
  ...ISOLATION,
  // Only our own pages use our files.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Maps a request path to a file inside one of FOLDERS, or null when the path is
 * malformed or would leave the folder (`..`, encoded or not).
 */
export function fileFor(pathname, folders = FOLDERS) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const prefix = Object.keys(folders)
    .filter((p) => path.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (!prefix) return null;
  const folder = folders[prefix];
  let file = resolve(folder, '.' + sep + path.slice(prefix.length));
  if (file !== folder && !file.startsWith(folder + sep)) return null;
  if (path.endsWith('/')) file = join(file, 'index.html');
  return file;
}

const IMAGES = '/images/';
const TICK_MS = 20;

/**
 * What course pages need beyond the isolation headers: embed.js and the modules it
 * imports are loaded by them as cross-origin module scripts (CORS requests), and the page in embed mode may
 * be framed by a course page that is itself isolated, which requires
 * `Cross-Origin-Resource-Policy: cross-origin` on it.
 */
function extraHeaders(url, isolation) {
  if (EMBED_MODULES.includes(url.pathname)) {
    return { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
  }
  if (url.searchParams.get('embed') === '1' && isolation['Cross-Origin-Resource-Policy']) {
    return { 'Cross-Origin-Resource-Policy': 'cross-origin' };
  }
  return {};
}

/** The simulated network's settings from an image URL's query. */
function networkOf(url) {
  const number = (key, max) => Math.min(Math.max(Number(url.searchParams.get(key)) || 0, 0), max);
  return {
    delay: number('delay', 60_000),
    kbps: number('kbps', 10_000_000),
    cors: url.searchParams.get('cors') !== '0',
    bytes: number('bytes', 100 * 1024 * 1024),
  };
}

/** Writes `body` at `kbps` (all at once when 0); stops if the client goes away. */
function trickle(req, res, body, kbps) {
  if (!kbps) return res.end(body);
  const perTick = Math.max(1, Math.round(((kbps * 1000) / 8) * (TICK_MS / 1000)));
  let at = 0;
  const timer = setInterval(() => {
    if (at >= body.length) {
      clearInterval(timer);
      return res.end();
    }
    res.write(body.subarray(at, at + perTick));
    at += perTick;
  }, TICK_MS);
  req.on('close', () => clearInterval(timer));
}

/** A sample image (or the synthetic body) through the simulated network. */
async function serveImage(req, res, url, file) {
  const net = networkOf(url);
  const synthetic = url.pathname === `${IMAGES}synthetic.jpg`;
  let body;
  if (synthetic) {
    body = Buffer.alloc(net.bytes);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(body);
  } else {
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'Not found\n');
    }
  }
  const headers = {
    ...res.isolation,
    'Content-Type': 'image/jpeg',
    'Cache-Control': 'no-store',
    // Sample images may be fetched from other origins (a course page), with CORS.
    ...(net.cors ? { 'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' } : {}),
    ...(synthetic ? {} : { 'Content-Length': body.length }),
  };
  const answer = () => {
    if (res.destroyed) return;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    trickle(req, res, body, net.kbps);
  };
  if (!net.delay) return answer();
  const timer = setTimeout(answer, net.delay);
  req.on('close', () => clearTimeout(timer));
}

function send(res, status, text, headers = {}) {
  res.writeHead(status, { ...res.isolation, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Only GET and HEAD\n', { Allow: 'GET, HEAD' });
  }
  let url;
  try {
    url = new URL(req.url, 'http://localhost');
  } catch {
    return send(res, 400, 'Bad request\n');
  }
  const file = fileFor(url.pathname, res.folders);
  if (!file) return send(res, 404, 'Not found\n');
  res.extra = extraHeaders(url, res.isolation);
  if (url.pathname.startsWith(IMAGES)) return serveImage(req, res, url, file);
  let info;
  try {
    info = await stat(file);
  } catch {
    return send(res, 404, 'Not found\n');
  }
  if (!info.isFile()) return send(res, 404, 'Not found\n');
  res.writeHead(200, {
    ...res.isolation,
    ...res.extra,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    // The dev server serves fresh builds: never let the browser keep an old wasm.
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server; resolves to { server, url } once it listens. `isolation: false`
 * leaves out the isolation headers, as a host that cannot set them would: the page
 * then runs its single-threaded build.
 */
export function serve({ port = 8000, host = '127.0.0.1', isolation = true, folders = FOLDERS } = {}) {
  const server = createServer((req, res) => {
    res.isolation = { ...SECURITY, ...(isolation ? ISOLATION_HEADERS : {}) };
    res.folders = folders;
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });
  // A malformed request must not take the server down.
  server.on('clientError', (_error, socket) => socket.destroy());
  // CONNECT bypasses the request handler in node:http; refuse it like other methods.
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\n\r\n'));
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      done({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8000);
  serve({ port, isolation: process.env.ISOLATION !== '0' }).then(
    ({ url }) => console.log(`potoki is served at ${url}`),
    (error) => {
      console.error(`potoki: cannot listen on port ${port}: ${error.message}`);
      process.exit(1);
    },
  );
}
