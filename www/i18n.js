// Every UI string, in Russian and English. The lines the lesson's programs print
// come from the Rust side and stay verbatim. Modules loaded later add their own.
//
// A string fills `{name}` with `params.name`. A word that agrees with a count is
// written `{name|form|form|…}`: it becomes the form that `Intl.PluralRules` picks
// for the number `params.name` (the number itself is still written `{name}`, so a
// word may stand between them: `{n} earlier {n|line|lines}`). The forms are listed
// in this order:
//
//   ru  one|few|many   {n|строка|строки|строк}  1, 21 строка · 2, 22 строки · 5, 11, 25 строк
//   en  one|other      {n|line|lines}           1 line · 0, 2 lines
//
// Russian fractions (CLDR category "other": 1,5 строки) take the few form.
// This module touches `document` only in setLang() and translate(), so Node can
// import it and test format() (tests/node/plurals.test.mjs).

export const STRINGS = {
  ru: {
    title: 'потоки',
    modeThreads: 'настоящие потоки: {threads} {threads|Web Worker|Web Worker’а|Web Worker’ов}',
    modeSimulated: 'симуляция: браузер не даёт потоков этой странице здесь — каждый поток идёт по очереди на одном',
    openOwnTab: 'открыть в отдельной вкладке (там потоки настоящие)',
    readySimulated: 'Готово. Потоки симулируются на одном потоке страницы: строки, порядок и время — как у настоящих, но count_primes считают по очереди, как с GIL.',
    embed: 'Встроить',
    embedTitle: 'Встроить в страницу курса',
    embedHelp: 'Вставьте один из фрагментов в страницу курса: урок откроется с этими настройками. Где браузер разрешает, потоки будут настоящими, иначе — честно подписанная симуляция.',
    embedElement: 'Элемент (скрипт и тег)',
    embedIframe: 'Просто iframe',
    pageTitle: 'потоки — многопоточность в Python, по-настоящему',
    replayMoment: 'Момент прогона',
    preset: 'Пример из урока',
    presetNone: '— свой вариант —',
    planTitle: 'Программа',
    'kind.compute': 'считают: count_primes(n) — процессор занят',
    compute: 'ns — до скольки считать простые числа, по одному n на задачу',
    computeHelp: 'Например: 50000, 50000. С GIL, как в CPython, байт-код выполняет один поток за раз: задачи считают по очереди. Без GIL у этого компьютера {cores} {cores|ядро|ядра|ядер} — столько задач реально считают одновременно.',
    computeHelpSimulated: 'Например: 50000, 50000. Здесь браузер не даёт странице потоков: все потоки идут по очереди на её единственном потоке, как с GIL: count_primes считают не быстрее, чем одна за другой.',
    earlierLines: '… ещё {n} {n|строка|строки|строк} раньше: все строки — в записи (Скачать запись)',
    moreTasks: '… и ещё {n} {n|задача|задачи|задач}: все задачи — в записи (Скачать запись) и на диаграмме',
    denseTimeline: 'Задач так много, что соседние полосы слиты: видно, когда каждый поток был занят.',
    codeTitle: 'Код',
    codeHint: 'Код можно менять: нажмите на него. Tab — отступ; Escape, затем Tab — выйти из редактора. Подсвечена строка, на которой сейчас главный поток программы.',
    codeReadOnly: 'Только для чтения: этот код можно запустить, но не изменить здесь. Подсвечена строка, на которой сейчас главный поток программы.',
    editorFailed: 'Редактор не загрузился: {message}',
    ownCode: 'Это ваш собственный код: его выполняет интерпретатор Python, а поля листинга к нему не относятся.',
    backToListing: 'Вернуться к листингу',
    listingFields: 'Настройки листинга',
    gilHelp: 'Включён — как CPython, который у вас стоит: байт-код выполняет один поток за раз. Выключен — как free-threaded Python 3.14t: потоки выполняются параллельно. Действует и на листинги урока, и на ваш собственный код.',
    finishedError: 'Программа завершилась через {secs} s исключением {type}, строка {line}.',
    'scenario.python': 'ваш код',
    timeline: 'Потоки во времени',
    timelineHelp: 'Полоса — задача на своём потоке, от начала до конца. На полосе главного потока: штрих — задача отправлена, кружок — главный поток получил её результат. Стрелками ← → можно перебирать задачи.',
    'legend.wait': 'ждёт: сон или ответ сервера',
    'legend.queue': 'ждёт соединения: нового или свободного (их не больше 6 на сервер)',
    'legend.transfer': 'получает байты',
    'legend.busy': 'считает: процессор занят',
    'legend.gil': 'ждёт GIL: готов выполняться, но GIL у другого потока',
    'legend.submit': 'задача отправлена',
    'legend.delivered': 'результат получен главным потоком',
    mainThreadLane: 'главный',
    barDetail: 'Задача {task}: {call} · {thread} · начата {started} · закончена {finished} · получена {delivered} · {result}',
    barGil: ' · ждала GIL {waited}',
    replay: 'Повтор',
    replayPlay: '▶ Повтор',
    replayPause: '❚❚ Пауза',
    replayPrev: '← событие',
    replayNext: 'событие →',
    exportJson: 'Скачать запись (JSON)',
    exportSvg: 'Скачать диаграмму (SVG)',
    exportTrace: 'Трасса (Perfetto)',
    copyLink: 'Скопировать ссылку',
    loadRecord: 'Открыть запись…',
    linkCopied: 'Ссылка скопирована.',
    linkNotCopied: 'Не удалось скопировать: {url}',
    loaded: 'Запись открыта: {scenario}, {tasks} {tasks|задача|задачи|задач}.',
    loadFailed: 'Это не запись potoki: {message}',
    compare: 'Сравнение запусков',
    compareRow: '{title}: {wall} s · ускорение ×{speedup}',
    gilOn: 'с GIL',
    gilOff: 'без GIL',
    tasksCaption: 'Задачи прогона: поток и моменты каждой — таблица вместо диаграммы',
    timeCpu: 'CPU times: total: {cpu}',
    timeWall: 'Wall time: {wall}',
    timeIdle: 'Задачи были заняты процессором {cpu} из {wall} — остальное время они ждали. Это ожидание потоки и перекрывают.',
    timeParallel: 'Процессорного времени {cpu} — больше, чем прошло ({wall}): задачи считали одновременно на разных ядрах ({cores} {cores|ядро|ядра|ядер}).',
    timeBusy: 'Задачи считали {cpu} из {wall}: процессор был занят почти всё время — ждать тут нечего.',
    timeSpeedup: 'Одна за другой задачи заняли бы {sum}, а прошло {wall}: ускорение ×{speedup}.',
    timeEstimated: '≈ — процессорное время измерено по ходу вычислений: у браузера нет часов процессорного времени потока, и время, когда поток ждал свободного ядра, не считается.',
    timeNone: 'Здесь появятся процессорное и настоящее время прогона — как у %time в уроке.',
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
    workersCapped: 'не задан: Python взял бы {python}, но в пуле страницы {pool} {pool|поток|потока|потоков} и один из них — главный, поэтому {n}',
    workersGiven: 'задан: {n}',
    run: 'Запустить',
    stop: 'Стоп',
    starting: 'Запускаю потоки…',
    ready: 'Готово: {threads} {threads|поток|потока|потоков} ({threads|Web Worker|Web Worker’а|Web Worker’ов}), ядер процессора: {cores}.',
    running: 'Выполняется…',
    finished: 'Программа завершилась за {secs} s.',
    finishedHidden: 'Программа завершилась за {secs} s. Вкладка была скрыта во время прогона, а браузер замедляет таймеры скрытых вкладок: времена могут быть искажены — запустите ещё раз, не уходя со страницы.',
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
    modeThreads: 'real threads: {threads} {threads|Web Worker|Web Workers}',
    modeSimulated: 'simulated: this browser blocks threads here — the threads take turns on one',
    openOwnTab: 'open in its own tab (real threads there)',
    readySimulated: 'Ready. Threads are simulated on the page’s one thread: the lines, their order and timings are those of real threads, but the count_primes take turns, as with the GIL.',
    embed: 'Embed',
    embedTitle: 'Embed in a course page',
    embedHelp: 'Paste one of these into a course page: the lesson opens with these settings. Where the browser allows, the threads are real; elsewhere, a clearly labelled simulation.',
    embedElement: 'Element (script and tag)',
    embedIframe: 'Plain iframe',
    pageTitle: 'potoki — Python threads, for real',
    replayMoment: 'Moment of the run',
    preset: 'Example from the lesson',
    presetNone: '— your own —',
    planTitle: 'Program',
    'kind.compute': 'compute: count_primes(n) — the CPU is busy',
    compute: 'ns — how far to count primes, one n per task',
    computeHelp: 'For example: 50000, 50000. With the GIL, as in CPython, one thread runs bytecode at a time: the tasks take turns. Without it, this computer has {cores} {cores|core|cores}: that many tasks really compute at once.',
    computeHelpSimulated: 'For example: 50000, 50000. This browser gives the page no threads here: the threads take turns on its one thread, as with the GIL: the count_primes take no less time than one after another.',
    earlierLines: '… {n} earlier {n|line|lines}: the record has every line (Download the record)',
    moreTasks: '… and {n} more {n|task|tasks}: the record (Download the record) and the picture have every task',
    denseTimeline: 'So many tasks that neighbouring bars are merged: it shows when each thread was busy.',
    codeTitle: 'Code',
    codeHint: 'You can edit the code: click it. Tab indents; Escape, then Tab, leaves the editor. The highlighted line is where the program’s main thread is now.',
    codeReadOnly: 'Read-only: this code can be run, not edited here. The highlighted line is where the program’s main thread is now.',
    editorFailed: 'The editor did not load: {message}',
    ownCode: 'This is your own code: the Python interpreter runs it, and the listing’s fields no longer apply.',
    backToListing: 'Back to the listing',
    listingFields: 'The listing’s settings',
    gilHelp: 'On: CPython as you have it — one thread runs bytecode at a time. Off: free-threaded Python 3.14t — the threads run in parallel. Applies to the lesson’s listings and to your own code.',
    finishedError: 'The program ended after {secs} s on {type}, line {line}.',
    'scenario.python': 'your code',
    timeline: 'Threads over time',
    timelineHelp: 'A bar is a task on its thread, from start to end. On the main thread’s lane: a tick marks a task submitted, a dot the main thread receiving its result. Arrow keys ← → walk through the tasks.',
    'legend.wait': 'waiting: sleep or a server’s answer',
    'legend.queue': 'waiting for a connection: a new or a free one (6 at most per server)',
    'legend.transfer': 'receiving bytes',
    'legend.busy': 'computing: the CPU is busy',
    'legend.gil': 'waiting for the GIL: ready to run, but another thread holds it',
    'legend.submit': 'task submitted',
    'legend.delivered': 'result received by the main thread',
    mainThreadLane: 'main',
    barDetail: 'Task {task}: {call} · {thread} · started {started} · finished {finished} · received {delivered} · {result}',
    barGil: ' · waited for the GIL {waited}',
    replay: 'Replay',
    replayPlay: '▶ Replay',
    replayPause: '❚❚ Pause',
    replayPrev: '← event',
    replayNext: 'event →',
    exportJson: 'Download the record (JSON)',
    exportSvg: 'Download the picture (SVG)',
    exportTrace: 'Trace (Perfetto)',
    copyLink: 'Copy the link',
    loadRecord: 'Open a record…',
    linkCopied: 'Link copied.',
    linkNotCopied: 'Could not copy: {url}',
    loaded: 'Record opened: {scenario}, {tasks} {tasks|task|tasks}.',
    loadFailed: 'Not a potoki record: {message}',
    compare: 'Runs compared',
    compareRow: '{title}: {wall} s · speed-up ×{speedup}',
    gilOn: 'GIL on',
    gilOff: 'GIL off',
    tasksCaption: 'The run’s tasks: each one’s thread and moments — a table instead of the picture',
    timeCpu: 'CPU times: total: {cpu}',
    timeWall: 'Wall time: {wall}',
    timeIdle: 'The tasks kept the CPU busy for {cpu} of {wall} — the rest of the time they waited. That waiting is what threads overlap.',
    timeParallel: 'CPU time {cpu} is more than the time that passed ({wall}): the tasks computed at once on different cores ({cores} {cores|core|cores}).',
    timeBusy: 'The tasks computed for {cpu} of {wall}: the CPU was busy nearly all the time — nothing to wait for here.',
    timeSpeedup: 'One after another the tasks would take {sum}; here it took {wall}: ×{speedup} faster.',
    timeEstimated: '≈ — CPU time measured by the computation’s progress: a browser has no per-thread CPU clock, and time a thread waited for a free core is not counted.',
    timeNone: 'The run’s CPU time and real time appear here — like %time in the lesson.',
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
    workersCapped: 'not set: Python would take {python}, but this page’s pool has {pool} {pool|thread|threads} and one is the main thread, so {n}',
    workersGiven: 'set: {n}',
    run: 'Run',
    stop: 'Stop',
    starting: 'Starting threads…',
    ready: 'Ready: {threads} {threads|thread|threads} ({threads|Web Worker|Web Workers}), CPU cores: {cores}.',
    running: 'Running…',
    finished: 'The program ended after {secs} s.',
    finishedHidden: 'The program ended after {secs} s. The tab was hidden during the run, and browsers slow down timers in hidden tabs: the timings may be distorted — run it again while watching.',
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

/** For each language, which of a `{name|…}` placeholder's forms (by position)
 *  each `Intl.PluralRules` category takes. */
const FORM_INDEX = {
  ru: { one: 0, few: 1, many: 2, other: 1 },
  en: { one: 0, other: 1 },
};

const pluralRules = new Map();

/** The form of `forms` (listed as FORM_INDEX says) that agrees with `count` in `language`. */
export function plural(language, count, forms) {
  if (!pluralRules.has(language)) pluralRules.set(language, new Intl.PluralRules(language));
  const n = Number(count);
  const category = Number.isFinite(n) ? pluralRules.get(language).select(n) : 'other';
  return forms[FORM_INDEX[language]?.[category] ?? forms.length - 1] ?? forms[forms.length - 1];
}

/** `{name}`, or a plural word `{name|form|…}`. */
const PLACEHOLDER = /\{(\w+)((?:\|[^|{}]*)*)\}/g;

/** The string `key` in `language` (English where it has none), filled from `params`. */
export function format(language, key, params = {}) {
  const own = STRINGS[language]?.[key];
  const [text, textLang] = own !== undefined ? [own, language] : [STRINGS.en[key] ?? key, 'en'];
  return text.replace(PLACEHOLDER, (whole, name, forms) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return forms ? plural(textLang, value, forms.slice(1).split('|')) : String(value);
  });
}

/** The string `key` in the current language, filled from `params` (see the top). */
export function t(key, params = {}) {
  return format(current, key, params);
}

/** Fills every `[data-i18n]` element of `root` with its string. */
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = t('pageTitle');
}
