// The dev server under hostile requests: nothing outside the served folders, only
// GET and HEAD, and a malformed request answered (or dropped) without taking the
// server down. Raw sockets, so nothing normalises the requests on the way.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { fileFor, serve } from '../../tools/serve.mjs';
import { CONTENT_SECURITY_POLICY } from '../../tools/headers.mjs';

let server;
let port;

before(async () => {
  ({ server } = await serve({ port: 0 }));
  port = server.address().port;
});
after(() => new Promise((done) => server.close(done)));

/** Sends `raw` bytes and resolves to the response's first line ('' if dropped). */
function send(raw) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(1500, () => socket.destroy());
    socket.on('data', (chunk) => (data += chunk));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
    // Not ended from this side: a half-closed socket is dropped before it is answered.
    socket.write(raw);
  });
}

const get = (path, method = 'GET') => send(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
const status = (response) => Number(response.split(' ')[1]);

test('paths that leave the served folders are refused, encoded or not', async () => {
  for (const path of [
    '/../Cargo.toml',
    '/../../../../etc/passwd',
    '/%2e%2e/Cargo.toml',
    '/%2E%2E%2FCargo.toml',
    '/pkg/..%2f..%2fCargo.toml',
    '/pkg/%2e%2e/%2e%2e/Cargo.toml',
    '/images/..%2f..%2fsrc/lib.rs',
    '/..%5cCargo.toml',
    '/%00/etc/passwd',
    '/index.html%00.js',
  ]) {
    const response = await get(path);
    assert.equal(status(response), 404, `${path}: ${response.split('\r\n')[0]}`);
    assert.doesNotMatch(response, /\[package\]|root:|pub mod/);
  }
  assert.equal(fileFor('/%2e%2e/x'), null);
  assert.equal(fileFor('/a/%2e%2e/%2e%2e/%2e%2e/x'), null);
});

test('only GET and HEAD', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT']) {
    const response = await get('/', method);
    assert.equal(status(response), 405, method);
    assert.match(response, /Allow: GET, HEAD/);
  }
  const head = await get('/', 'HEAD');
  assert.equal(status(head), 200);
  assert.doesNotMatch(head, /<!doctype/i);
});

test('malformed requests do not take the server down', async () => {
  const nasty = [
    'GARBAGE\r\n\r\n',
    'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    'GET / HTTP/1.1\r\nHost: x\r\nX: \u0000\u0001\r\n\r\n',
    'GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n',
    '\u0016\u0003\u0001\u0000', // a TLS hello to a plain HTTP port
  ];
  for (const raw of nasty) {
    const response = await send(raw);
    if (response) assert.ok(status(response) >= 400 || status(response) === 404 || response.startsWith('HTTP/1.1 200'), raw.slice(0, 20));
  }
  const page = await get('/');
  assert.equal(status(page), 200, 'still serving');
});

test('every answer carries the isolation and security headers', async () => {
  for (const path of ['/', '/app.js', '/nope', '/images/paw-1394447.jpg']) {
    const response = await get(path);
    assert.match(response, /Cross-Origin-Opener-Policy: same-origin/, path);
    assert.match(response, /Cross-Origin-Embedder-Policy: require-corp/, path);
    assert.ok(response.includes(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`), path);
    assert.match(response, /X-Content-Type-Options: nosniff/, path);
  }
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|'unsafe-eval'/);
  const wasm = await get('/pkg/potoki_bg.wasm', 'HEAD');
  assert.match(wasm, /Content-Type: application\/wasm/);
});
