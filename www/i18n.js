// Every UI string, in Russian and English. The lines the lesson's programs print
// come from the Rust side and stay verbatim.

const STRINGS = {
  ru: {
    title: 'потоки',
    tagline: 'Урок о многопоточности в Python — каждый листинг выполняется по-настоящему: потоки здесь — это Web Worker’ы браузера.',
    language: 'Язык',
    scenario: 'Листинг урока',
    'scenario.sequential': 'Последовательно: sleep_several_times()',
    'scenario.threads_no_join': 'threading: start() без join()',
    'scenario.threads_join_in_loop': 'threading: start(); join() внутри цикла',
    'scenario.threads': 'threading: сначала start() всех, потом join() всех',
    'scenario.pool_submit': 'ThreadPoolExecutor: submit() и result() по порядку',
    'scenario.pool_as_completed': 'ThreadPoolExecutor: as_completed()',
    'scenario.pool_map': 'ThreadPoolExecutor: map()',
    'scenario.async': 'asyncio: await по порядку, без потоков',
    'scenario.async_as_completed': 'asyncio: as_completed(), без потоков',
    'hint.sequential': 'Пять вызовов sleep() один за другим: общее время — сумма всех снов.',
    'hint.threads_no_join': 'Потоки запущены, но никто их не ждёт: «it took» печатается раньше, чем они проснутся.',
    'hint.threads_join_in_loop': 'join() внутри цикла ждёт каждый поток до запуска следующего: потоки есть, а выигрыша нет.',
    'hint.threads': 'Все потоки запущены сразу, join() — после цикла: общее время — самый долгий сон.',
    'hint.pool_submit': 'result() по порядку: каждый результат печатается, когда готов он и все до него.',
    'hint.pool_as_completed': 'as_completed() отдаёт результаты по мере готовности: самый короткий сон — первым.',
    'hint.pool_map': 'map() возвращает результаты в порядке аргументов, как submit() с result(). С картинками — ровно пример урока: каждый поток печатает сам.',
    'hint.async': 'Третий инструмент урока — асинхронность: те же ожидания перекрываются на одном потоке, без Web Worker’ов.',
    'hint.async_as_completed': 'Асинхронность с as_completed(): результаты по мере готовности, и всё на одном потоке.',
    kind: 'Что делают задачи',
    'kind.sleep': 'спят: sleep(sec)',
    'kind.download': 'скачивают картинки: download_one_image(url)',
    images: 'images — адреса картинок, по одному в строке',
    imagesHelp: 'Относительные адреса — от этой страницы. Картинки с других сайтов скачиваются, только если сайт разрешает CORS (Access-Control-Allow-Origin): страница изолирована ради потоков.',
    lessonImages: '12 картинок урока (задержка 1 s)',
    thumbnails: 'Скачанные картинки',
    'col.network': 'Сеть',
    network: '{kb} KB · ждал соединения {queued} · первый байт {first} · последний {last}',
    networkNoQueue: '{kb} KB · первый байт {first} · последний {last}',
    secs: 'secs — секунды сна, по одной на задачу',
    secsHelp: 'Например: [5, 4, 3, 2, 1] или 5,4,3,2,1',
    workers: 'max_workers',
    workersDefault: 'не задан: Python возьмёт min(32, os.cpu_count() + 4) = {n}',
    workersCapped: 'не задан: Python взял бы {python}, но в пуле страницы {pool} потоков и один из них — главный, поэтому {n}',
    workersGiven: 'задан: {n}',
    run: 'Запустить',
    stop: 'Стоп',
    starting: 'Запускаю потоки…',
    ready: 'Готово: {threads} потоков (Web Worker’ов), ядер процессора: {cores}.',
    running: 'Выполняется…',
    finished: 'Программа завершилась за {secs} s.',
    stopped: 'Остановлено через {secs} s.',
    failed: 'Ошибка: {message}',
    startFailed: 'Потоки не запустились: {message}',
    output: 'Вывод программы',
    outputEmpty: 'Нажмите «Запустить» — здесь появятся строки, которые печатает программа, в момент их печати.',
    tasks: 'Задачи',
    'col.task': 'Задача',
    'col.call': 'Вызов',
    'col.thread': 'Поток',
    'col.submitted': 'Отправлена',
    'col.started': 'Начата',
    'col.finished': 'Закончена',
    'col.delivered': 'Получена главным потоком',
    'col.result': 'Результат',
    mainThread: 'главный',
    worker: 'поток {n}',
    none: '—',
    cancelledTask: 'отменена',
  },
  en: {
    title: 'potoki',
    tagline: 'The lesson on Python threads — every listing runs for real: the threads here are the browser’s Web Workers.',
    language: 'Language',
    scenario: 'Lesson listing',
    'scenario.sequential': 'One after another: sleep_several_times()',
    'scenario.threads_no_join': 'threading: start() without join()',
    'scenario.threads_join_in_loop': 'threading: start(); join() inside the loop',
    'scenario.threads': 'threading: start() them all, then join() them all',
    'scenario.pool_submit': 'ThreadPoolExecutor: submit() and result() in order',
    'scenario.pool_as_completed': 'ThreadPoolExecutor: as_completed()',
    'scenario.pool_map': 'ThreadPoolExecutor: map()',
    'scenario.async': 'asyncio: await in order, no threads',
    'scenario.async_as_completed': 'asyncio: as_completed(), no threads',
    'hint.sequential': 'Five calls of sleep() one after another: the total is the sum of all the sleeps.',
    'hint.threads_no_join': 'The threads start but nobody waits for them: “it took” is printed before they wake.',
    'hint.threads_join_in_loop': 'join() inside the loop waits for each thread before starting the next: threads, but no gain.',
    'hint.threads': 'All threads start at once and join() comes after the loop: the total is the longest sleep.',
    'hint.pool_submit': 'result() in order: each result is printed once it and all before it are done.',
    'hint.pool_as_completed': 'as_completed() yields results as they finish: the shortest sleep first.',
    'hint.pool_map': 'map() returns results in the order of its arguments, like submit() with result(). With images it is the lesson’s own example: each thread prints for itself.',
    'hint.async': 'The lesson’s third tool, asynchrony: the same waits overlap on one thread, with no Web Workers.',
    'hint.async_as_completed': 'Asynchrony with as_completed(): results as they finish, all on one thread.',
    kind: 'What the tasks do',
    'kind.sleep': 'sleep: sleep(sec)',
    'kind.download': 'download images: download_one_image(url)',
    images: 'images — image URLs, one per line',
    imagesHelp: 'Relative URLs start from this page. Images from other sites download only if the site allows CORS (Access-Control-Allow-Origin): the page is isolated for the sake of threads.',
    lessonImages: 'The lesson’s 12 images (1 s latency)',
    thumbnails: 'Downloaded images',
    'col.network': 'Network',
    network: '{kb} KB · waited for a connection {queued} · first byte {first} · last {last}',
    networkNoQueue: '{kb} KB · first byte {first} · last {last}',
    secs: 'secs — seconds to sleep, one per task',
    secsHelp: 'For example: [5, 4, 3, 2, 1] or 5,4,3,2,1',
    workers: 'max_workers',
    workersDefault: 'not set: Python takes min(32, os.cpu_count() + 4) = {n}',
    workersCapped: 'not set: Python would take {python}, but this page’s pool has {pool} threads and one is the main thread, so {n}',
    workersGiven: 'set: {n}',
    run: 'Run',
    stop: 'Stop',
    starting: 'Starting threads…',
    ready: 'Ready: {threads} threads (Web Workers), CPU cores: {cores}.',
    running: 'Running…',
    finished: 'The program ended after {secs} s.',
    stopped: 'Stopped after {secs} s.',
    failed: 'Error: {message}',
    startFailed: 'The threads did not start: {message}',
    output: 'Program output',
    outputEmpty: 'Press “Run” — the lines the program prints appear here the moment they are printed.',
    tasks: 'Tasks',
    'col.task': 'Task',
    'col.call': 'Call',
    'col.thread': 'Thread',
    'col.submitted': 'Submitted',
    'col.started': 'Started',
    'col.finished': 'Finished',
    'col.delivered': 'Received by the main thread',
    'col.result': 'Result',
    mainThread: 'main',
    worker: 'thread {n}',
    none: '—',
    cancelledTask: 'cancelled',
  },
};

export const LANGS = Object.keys(STRINGS);

let current = 'ru';

/** ru for a Russian browser, en otherwise — unless the URL says. */
export function detectLang(asked, browserLanguages = []) {
  if (LANGS.includes(asked)) return asked;
  return browserLanguages.some((l) => /^ru\b/i.test(l)) ? 'ru' : 'en';
}

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : 'ru';
  document.documentElement.lang = current;
}

export function lang() {
  return current;
}

/** The string `key` in the current language, with `{name}` filled from `params`. */
export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}

/** Fills every `[data-i18n]` element of `root` with its string. */
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
