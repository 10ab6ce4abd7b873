import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage(); page.on('crash', () => console.log('PAGE CRASH')); page.on('pageerror', e => console.log('pageerror', e.message)); page.on('console', m => { if (m.type() === 'error') console.log('console.error', m.text()) });
await page.goto('http://127.0.0.1:8000/');
await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready');
const r = await page.evaluate(async () => {
  const { createPlayground } = await import('/potoki.js');
  const pg = await createPlayground();
  const toLast = [], wall = [];
  for (let i = 0; i < 32; i++) {
    let last = 0;
    const t0 = performance.now();
    const rec = await pg.run({ scenario: 'pool_as_completed', secs: Array(1000).fill(0), workers: 8 }, { onEvent: (e) => { if (e.type === 'print' && e.text.startsWith('проспала')) last = performance.now(); } });
    if (i >= 2) { toLast.push(last - t0); wall.push(rec.wallMs); }
  }
  const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  return { toLast: med(toLast), wall: med(wall), min: Math.min(...toLast) };
});
console.log(JSON.stringify(r));
await browser.close();
