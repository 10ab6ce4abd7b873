// Which Chromium the browser tests drive: Debian's by default, never one that
// Playwright downloads (there is no internet here for that).

import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath() {
  const asked = process.env.CHROMIUM_PATH;
  if (asked) {
    if (!existsSync(asked)) throw new Error(`CHROMIUM_PATH=${asked} does not exist`);
    return asked;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. On Debian or Ubuntu: `sudo apt-get install chromium` ' +
        '(or set CHROMIUM_PATH to a Chrome or Chromium binary).',
    );
  }
  return found;
}

/** Flags for a headless run on a machine with no network and no GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
