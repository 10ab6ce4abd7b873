import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage();
page.on('pageerror', e => console.log('pageerror', e.message));
await page.goto('http://127.0.0.1:8000/potoki.js'.replace('potoki.js','favicon.svg'));
await page.goto('http://127.0.0.1:8000/');
await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready');
const r = await page.evaluate(async () => {
  const { createPlayground } = await import('/potoki.js');
  const pg = await createPlayground();
  const out = {};
  for (const n of [1000, 1000, 1000, 10000]) {
    let last = 0, count = 0;
    const t0 = performance.now();
    const rec = await pg.run({ scenario: 'pool_as_completed', secs: Array(n).fill(0), workers: 8 }, { onEvent: (e) => { if (e.type === 'print' && e.text.startsWith('проспала')) { count++; last = performance.now(); } } });
    out[n + '_' + Math.random().toFixed(3)] = { toLast: last - t0, total: performance.now() - t0, wall: rec.wallMs, count };
  }
  return out;
});
console.log(r);
await browser.close();
