// A plain static host for dist/, applying the headers of its `_headers` file the way
// Netlify and Cloudflare Pages do: what a deploy of `npm run dist` will look like.
//
//   node tools/static-host.mjs [dist] [port]       # default: dist 8080
//   node tools/static-host.mjs dist 8080 --no-headers   # a host that cannot set headers
//
// Only what a static host does: files, MIME types, 404, the headers of matching rules.

import { createServer } from 'node:http';
import { readFileSync, createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileFor, TYPES } from './serve.mjs';

/** Parses a `_headers` file: `[{ path, headers }]`, a rule per unindented path line. */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
    } else if (rules.length) {
      const at = line.indexOf(':');
      if (at > 0) rules.at(-1).headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

/** The headers for `pathname`: every matching rule's, later rules winning. */
export function headersFor(rules, pathname) {
  const matches = (rule) =>
    rule.path.endsWith('*') ? pathname.startsWith(rule.path.slice(0, -1)) : pathname === rule.path;
  return Object.assign({}, ...rules.filter(matches).map((rule) => rule.headers));
}

/** Serves `root`; resolves to { server, url }. `headers: false` ignores `_headers`. */
export function host({ root, port = 8080, hostname = '127.0.0.1', headers = true }) {
  const file = resolve(root, '_headers');
  const rules = headers && existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : [];
  const folders = { '/': resolve(root) };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const path = fileFor(url.pathname, folders);
    const info = path && (await stat(path).catch(() => null));
    if (!info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('Not found\n');
    }
    res.writeHead(200, {
      ...headersFor(rules, url.pathname),
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(path).on('error', () => res.destroy()).pipe(res);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, hostname, () => done({ server, url: `http://${hostname}:${server.address().port}/` }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  host({ root, port: Number(port), headers: !process.argv.includes('--no-headers') }).then(({ url }) =>
    console.log(`${root}/ is hosted at ${url}`),
  );
}
