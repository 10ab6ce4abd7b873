// The student's code in the page's URL, so that a link reproduces the program:
// `code=` is the text itself (percent-encoded UTF-8, readable in the address bar);
// past a couple of thousand characters, `codez=` is the text compressed (deflate-raw,
// CompressionStream) in base64url. Either is read from the URL alone: no server
// keeps anything.

/** Past this many characters of `code=`, the link carries `codez=` instead. */
export const LONG_CODE = 2000;

const toBase64Url = (bytes) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

const fromBase64Url = (text) => {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/** Bytes through a (de)compression stream. */
async function through(stream, bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** How the URL carries `code`: `{ code, key, value }` with key `code` or `codez`. */
export async function packCode(code) {
  const plain = new URLSearchParams({ code }).toString().length - 'code='.length;
  if (plain <= LONG_CODE || typeof CompressionStream !== 'function') return { code, key: 'code', value: code };
  const packed = await through(new CompressionStream('deflate-raw'), new TextEncoder().encode(code));
  return { code, key: 'codez', value: toBase64Url(packed) };
}

/** The text of a `codez=` value. @throws {Error} when it is not one */
export async function unpackCode(value) {
  try {
    const bytes = await through(new DecompressionStream('deflate-raw'), fromBase64Url(value));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new Error(`codez: not compressed code (${error.message})`);
  }
}
