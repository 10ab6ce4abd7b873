// Every word on the page that agrees with a count takes the form Intl.PluralRules
// picks for that count: 1 строка, 2 строки, 5 строк; 1 line, 2 lines
// (www/i18n.js, `{name|form|…}`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format, plural, STRINGS } from '../../www/i18n.js';

/** The counts that tell Russian's forms apart, with the form each takes. */
const RU_COUNTS = [
  [0, 'many'],
  [1, 'one'],
  [2, 'few'],
  [4, 'few'],
  [5, 'many'],
  [11, 'many'],
  [12, 'many'],
  [14, 'many'],
  [21, 'one'],
  [22, 'few'],
  [25, 'many'],
  [101, 'one'],
  [111, 'many'],
  [1000, 'many'],
  [10001, 'one'],
];
const EN_COUNTS = [
  [0, 'other'],
  [1, 'one'],
  [2, 'other'],
  [5, 'other'],
  [21, 'other'],
  [111, 'other'],
];

const pick = (lang, category, forms) => (lang === 'ru' ? { one: forms[0], few: forms[1], many: forms[2] } : { one: forms[0], other: forms[1] })[category];

test('plural() picks one|few|many in Russian and one|other in English', () => {
  const ru = ['строка', 'строки', 'строк'];
  for (const [n, category] of RU_COUNTS) assert.equal(plural('ru', n, ru), pick('ru', category, ru), `ru ${n}`);
  for (const [n, category] of EN_COUNTS) assert.equal(plural('en', n, ['line', 'lines']), pick('en', category, ['line', 'lines']), `en ${n}`);
  // Numbers that arrive as text (dataset, URL) count the same; fractions take the few form.
  assert.equal(plural('ru', '21', ru), 'строка');
  assert.equal(plural('ru', 1.5, ru), 'строки');
  assert.equal(plural('en', 1.5, ['line', 'lines']), 'lines');
});

/**
 * Every counted string: its key, the count's parameter, the other parameters, and
 * what it says for each form ({n} is the count).
 */
const COUNTED = [
  {
    key: 'earlierLines',
    param: 'n',
    ru: { one: '… ещё {n} строка раньше', few: '… ещё {n} строки раньше', many: '… ещё {n} строк раньше' },
    en: { one: '… {n} earlier line:', other: '… {n} earlier lines:' },
  },
  {
    key: 'moreTasks',
    param: 'n',
    ru: { one: '… и ещё {n} задача:', few: '… и ещё {n} задачи:', many: '… и ещё {n} задач:' },
    en: { one: '… and {n} more task:', other: '… and {n} more tasks:' },
  },
  {
    key: 'loaded',
    param: 'tasks',
    other: { scenario: 'threads' },
    ru: { one: 'Запись открыта: threads, {n} задача.', few: 'Запись открыта: threads, {n} задачи.', many: 'Запись открыта: threads, {n} задач.' },
    en: { one: 'Record opened: threads, {n} task.', other: 'Record opened: threads, {n} tasks.' },
  },
  {
    key: 'modeThreads',
    param: 'threads',
    ru: { one: 'настоящие потоки: {n} Web Worker', few: 'настоящие потоки: {n} Web Worker’а', many: 'настоящие потоки: {n} Web Worker’ов' },
    en: { one: 'real threads: {n} Web Worker', other: 'real threads: {n} Web Workers' },
    whole: true,
  },
  {
    key: 'ready',
    param: 'threads',
    other: { cores: 2 },
    ru: {
      one: 'Готово: {n} поток (Web Worker), ядер процессора: 2.',
      few: 'Готово: {n} потока (Web Worker’а), ядер процессора: 2.',
      many: 'Готово: {n} потоков (Web Worker’ов), ядер процессора: 2.',
    },
    en: { one: 'Ready: {n} thread (Web Worker), CPU cores: 2.', other: 'Ready: {n} threads (Web Workers), CPU cores: 2.' },
    whole: true,
  },
  {
    key: 'workersCapped',
    param: 'pool',
    other: { python: 36, n: 15 },
    ru: { one: 'в пуле страницы {n} поток и', few: 'в пуле страницы {n} потока и', many: 'в пуле страницы {n} потоков и' },
    en: { one: 'pool has {n} thread and', other: 'pool has {n} threads and' },
  },
  {
    key: 'computeHelp',
    param: 'cores',
    ru: { one: 'у этого компьютера {n} ядро —', few: 'у этого компьютера {n} ядра —', many: 'у этого компьютера {n} ядер —' },
    en: { one: 'this computer has {n} core:', other: 'this computer has {n} cores:' },
  },
  {
    key: 'timeParallel',
    param: 'cores',
    other: { cpu: '3.8 s', wall: '2.0 s' },
    ru: { one: 'на разных ядрах ({n} ядро).', few: 'на разных ядрах ({n} ядра).', many: 'на разных ядрах ({n} ядер).' },
    en: { one: 'on different cores ({n} core).', other: 'on different cores ({n} cores).' },
  },
];

for (const { key, param, other = {}, ru, en, whole } of COUNTED) {
  test(`${key}: the counted words agree with ${param} in ru and en`, () => {
    for (const [lang, counts, forms] of [
      ['ru', RU_COUNTS, ru],
      ['en', EN_COUNTS, en],
    ]) {
      for (const [n, category] of counts) {
        const said = format(lang, key, { ...other, [param]: n });
        const expected = forms[category].replace('{n}', String(n));
        if (whole) assert.equal(said, expected, `${lang} ${n}`);
        else assert.ok(said.includes(expected), `${lang} ${n}: ${JSON.stringify(said)} should contain ${JSON.stringify(expected)}`);
        assert.doesNotMatch(said, /[{}|]/, `${lang} ${n}: a placeholder left in ${JSON.stringify(said)}`);
      }
    }
  });
}

test('every plural placeholder lists the forms its language needs (ru 3, en 2), in both languages', () => {
  const need = { ru: 3, en: 2 };
  const plurals = (text) => [...text.matchAll(/\{(\w+)\|([^{}]*)\}/g)].map(([, name, forms]) => ({ name, forms: forms.split('|') }));
  for (const [lang, strings] of Object.entries(STRINGS)) {
    for (const [key, text] of Object.entries(strings)) {
      for (const { name, forms } of plurals(text)) {
        assert.equal(forms.length, need[lang], `${lang}.${key}: {${name}|…} has ${forms.length} forms`);
        assert.ok(forms.every((form) => form.trim() !== ''), `${lang}.${key}: an empty form`);
        assert.ok(text.includes(`{${name}}`), `${lang}.${key}: {${name}|…} but the count itself is not written`);
      }
    }
  }
  // A string counted in one language is counted in the other.
  for (const key of Object.keys(STRINGS.ru)) {
    const names = (lang) => new Set(plurals(STRINGS[lang][key] ?? '').map((p) => p.name));
    assert.deepEqual(names('ru'), names('en'), `${key}: counted by different parameters in ru and en`);
  }
  // And the table above covers every counted string.
  const counted = Object.keys(STRINGS.ru).filter((key) => plurals(STRINGS.ru[key]).length > 0);
  assert.deepEqual(counted.sort(), COUNTED.map((c) => c.key).sort());
});

test('no number is followed by a noun that ignores it', () => {
  // What may follow `{name} ` without agreeing: units, prepositions, verbs, and the
  // adjectives between a count and its plural word (`{n} earlier {n|line|lines}`).
  const free = new Set(['s', 's.', 'KB', 'из', 'за', 'по', '—', '·', 'of', 'in', 'is', 'faster', 'faster.', 'earlier', 'more']);
  for (const [lang, strings] of Object.entries(STRINGS)) {
    for (const [key, text] of Object.entries(strings)) {
      for (const [, name, word] of text.matchAll(/\{(\w+)\} +(\S+)/g)) {
        if (word.startsWith(`{${name}|`)) continue;
        assert.ok(free.has(word), `${lang}.${key}: "{${name}} ${word}" — write the word as {${name}|…} so it agrees with the count`);
      }
    }
  }
});

test('strings without counts read as before, and t() callers\' missing params stay visible', () => {
  assert.equal(format('ru', 'worker', { n: 3 }), 'поток 3');
  assert.equal(format('en', 'finished', { secs: '1.00' }), 'The program ended after 1.00 s.');
  assert.equal(format('ru', 'earlierLines', {}), '… ещё {n} {n|строка|строки|строк} раньше: все строки — в записи (Скачать запись)');
  assert.equal(format('ru', 'no-such-key'), 'no-such-key');
});
