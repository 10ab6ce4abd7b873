import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://127.0.0.1:8000/?scenario=pool_as_completed&workers=8&lang=ru');
await page.waitForFunction(() => document.getElementById('app').dataset.state === 'ready');
await page.fill('#secs', Array(10000).fill(0).join(','));
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.click('#run');
await page.waitForFunction(() => document.getElementById('app').dataset.state === 'done', null, { timeout: 60000 });
await page.waitForTimeout(300);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
// main thread of the renderer: find thread named CrRendererMain
const names = events.filter(e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const mains = new Set(names.map(e => `${e.pid}:${e.tid}`));
const onMain = events.filter(e => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
const tasks = onMain.filter(e => e.name === 'RunTask' && e.dur > 30000).sort((a, b) => b.dur - a.dur).slice(0, 4);
for (const task of tasks) {
  console.log(`TASK ${(task.dur / 1000).toFixed(1)} ms`);
  const inside = onMain.filter(e => e !== task && e.ts >= task.ts && e.ts + (e.dur || 0) <= task.ts + task.dur && e.dur > 2000);
  const agg = new Map();
  for (const e of inside) agg.set(e.name, (agg.get(e.name) || 0) + e.dur);
  console.log([...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n}=${(d / 1000).toFixed(1)}`).join(' '));
  for (const e of inside.filter(e => e.name === 'Layout')) console.log('  layout', (e.dur/1000).toFixed(1), JSON.stringify(e.args?.beginData ?? {}).slice(0, 200), JSON.stringify(e.args?.endData?.layoutRoots?.length ?? ''));
  for (const e of inside.filter(e => e.name === 'FunctionCall')) console.log('  call', (e.dur/1000).toFixed(1), JSON.stringify(e.args?.data ?? {}).slice(0, 160));
}
await browser.close();
