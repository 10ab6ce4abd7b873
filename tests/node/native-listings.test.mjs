// The native tests run each listing as the Python the page runs for it: the texts in
// tests/common/listings.rs must be what www/listings.js makes now.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

test('the listings the native tests run are the page’s listings as they are now', () => {
  const script = fileURLToPath(new URL('../listings/generate.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});
