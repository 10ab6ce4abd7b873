// The lesson's code for a listing, with the student's list and max_workers put in.
// Each line carries a role, so the page can mark where the program's main thread
// is (main-thread.js): starting threads, waiting in join()/result(), printing.

import { lang } from './i18n.js';

/** The function a listing hands to its threads, per kind of task and form. */
const FUNCTIONS = {
  sleep: {
    list: 'secs',
    item: 'sec',
    imports: ['import time'],
    printing: (l) => [
      'def sleep(_time=1):',
      `    print("${l.going}")`,
      '    time.sleep(_time)',
      `    print("${l.woke}")`,
    ],
    returning: (l) => ['def _sleep(_time=1):', '    time.sleep(_time)', `    return f"${l.slept} {_time} sec."`],
    coroutine: (l) => ['async def _sleep(_time=1):', '    await asyncio.sleep(_time)', `    return f"${l.slept} {_time} sec."`],
    names: ['sleep', '_sleep'],
  },
  download: {
    list: 'images',
    item: 'img',
    imports: ['import requests'],
    printing: () => [
      'def download_one_image(image_url):',
      "    img_name = image_url.split('/')[-1]",
      '    r = requests.get(image_url)',
      '    with open(f"./pics/{img_name}", "wb") as i:',
      '        i.write(r.content)',
      '    print(f"{img_name} was downloaded")',
    ],
    returning: () => [
      'def _download_one_image(image_url):',
      "    img_name = image_url.split('/')[-1]",
      '    r = requests.get(image_url)',
      '    r.raise_for_status()',
      '    return f"{img_name} was downloaded"',
    ],
    coroutine: () => [
      'async def _download_one_image(image_url):',
      "    img_name = image_url.split('/')[-1]",
      '    async with aiohttp.ClientSession() as session:',
      '        async with session.get(image_url) as r:',
      '            await r.read()',
      '    return f"{img_name} was downloaded"',
    ],
    names: ['download_one_image', '_download_one_image'],
  },
  compute: {
    list: 'ns',
    item: 'n',
    imports: [],
    printing: (l) => [
      'def count_primes(n):',
      '    count = sum(1 for k in range(2, n + 1)',
      '                if all(k % d for d in range(2, int(k ** 0.5) + 1)))',
      `    print(f"${l.primes}")`,
    ],
    returning: (l) => [
      'def _count_primes(n):',
      '    count = sum(1 for k in range(2, n + 1)',
      '                if all(k % d for d in range(2, int(k ** 0.5) + 1)))',
      `    return f"${l.primes}"`,
    ],
    coroutine: () => [],
    names: ['count_primes', '_count_primes'],
  },
};

const LINES = {
  ru: { going: 'Сейчас как усну на целую секунду!', woke: 'Вот это я выспался', waits: '# Python ждёт незавершённые потоки и только потом завершается', slept: 'проспала', primes: 'простых чисел до {n}: {count}' },
  en: { going: "I'm going to sleep for a whole second!", woke: 'What a good sleep that was', waits: '# Python waits for the threads still running before it exits', slept: 'slept', primes: 'primes up to {n}: {count}' },
};

/** The name of the list each kind of task is given (editor/literals.js reads it back). */
export const LIST_NAMES = Object.fromEntries(Object.entries(FUNCTIONS).map(([kind, f]) => [kind, f.list]));

const TOOK = 'print(f"it took: {round(finish-start, 2)} sec.")';
/** Past this many items a list is shortened (`...  # 20`): the code shows it, but it
 *  is not the list's data any more, so editor/literals.js cannot read it back. */
export const MAX_SHOWN = 12;

/** A Python list literal, shortened past a dozen items unless `full` (the code to run). */
export function literal(kind, items, full = false) {
  if (items.length === 0) return '[]';
  const cut = !full && items.length > MAX_SHOWN;
  const shown = (cut ? items.slice(0, MAX_SHOWN) : items).map((item) => (kind === 'download' ? JSON.stringify(item) : item));
  if (kind === 'download') return `[\n    ${shown.join(',\n    ')},\n${cut ? `    ...  # ${items.length}\n` : ''}]`;
  return `[${shown.join(', ')}${cut ? `, ...  # ${items.length}` : ''}]`;
}

/**
 * The code of `scenario` for `kind` ('sleep' | 'download' | 'compute'), `items` (the list
 * as text), `workers` (max_workers, or '' for the default), in `language`, its list
 * shortened unless `full`. Returns `[{ text, role }]`, one per line.
 */
export function listing(scenario, kind, items, workers, { language = lang(), full = false } = {}) {
  const f = FUNCTIONS[kind];
  const l = LINES[language] ?? LINES.ru;
  const [fn, _fn] = f.names;
  const { list, item } = f;
  const pool = `concurrent.futures.ThreadPoolExecutor(${workers ? `max_workers=${workers}` : ''})`;
  const lines = [];
  const add = (role, ...texts) => texts.forEach((text) => text.split('\n').forEach((t) => lines.push({ text: t, role })));

  const isAsync = scenario.startsWith('async');
  const imports = [...f.imports, 'import time'].filter((v, i, a) => a.indexOf(v) === i);
  if (scenario.startsWith('threads')) imports.push('import threading');
  if (scenario.startsWith('pool')) imports.push('import concurrent.futures');
  if (isAsync) imports.push('import asyncio');
  if (isAsync && kind === 'download') imports.push('import aiohttp');
  add('', ...imports, '');
  const uses = scenario.startsWith('pool') && !(scenario === 'pool_map' && kind === 'download') ? 'returning' : 'printing';
  add('', ...(isAsync ? f.coroutine(l) : f[uses](l)), '');
  add('', `${list} = ${literal(kind, items, full)}`, '');

  if (isAsync) {
    add('start', 'async def main():', '    start = time.perf_counter()');
    add('submit', `    tasks = [asyncio.create_task(${_fn}(${item})) for ${item} in ${list}]`);
    if (scenario === 'async') add('wait', '    for t in tasks:', '        print(await t)');
    else add('wait', '    for coro in asyncio.as_completed(tasks):', '        print(await coro)');
    add('took', '    finish = time.perf_counter()', `    ${TOOK}`, '');
    add('start', 'asyncio.run(main())');
    return lines;
  }

  add('start', 'start = time.perf_counter()');
  switch (scenario) {
    case 'sequential':
      add('call', `for ${item} in ${list}:`, `    ${fn}(${item})`);
      break;
    case 'threads_no_join':
      add('submit', `for ${item} in ${list}:`, `    t = threading.Thread(target=${fn}, args=[${item}])`, '    t.start()');
      break;
    case 'threads_join_in_loop':
      add('start', `for ${item} in ${list}:`, `    t = threading.Thread(target=${fn}, args=[${item}])`, '    t.start()');
      add('join', '    t.join()');
      break;
    case 'threads':
      add('submit', 'threads = []', `for ${item} in ${list}:`, `    t = threading.Thread(target=${fn}, args=[${item}])`, '    t.start()', '    threads.append(t)');
      add('join', 'for thread in threads:', '    thread.join()');
      break;
    case 'pool_submit':
      add('shutdown', `with ${pool} as executor:`);
      add('submit', `    future_objs = [executor.submit(${_fn}, ${item}) for ${item} in ${list}]`);
      add('wait', '    for result in future_objs:', '        print(result.result())');
      break;
    case 'pool_as_completed':
      add('shutdown', `with ${pool} as executor:`);
      add('submit', `    future_objs = [executor.submit(${_fn}, ${item}) for ${item} in ${list}]`);
      add('wait', '    for f in concurrent.futures.as_completed(future_objs):', '        print(f.result())');
      break;
    case 'pool_map':
      add('shutdown', `with ${pool} as executor:`);
      if (kind === 'download') {
        add('submit', `    executor.map(${fn}, ${list})`);
      } else {
        add('submit', `    results = executor.map(${_fn}, ${list})`);
        add('wait', '    for result in results:', '        print(result)');
      }
      break;
    default:
  }
  add('took', 'finish = time.perf_counter()', TOOK);
  if (scenario === 'threads_no_join') add('exit', l.waits);
  return lines;
}

