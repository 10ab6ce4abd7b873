// A program written between <potoki-lesson>'s tags is indented with the HTML around
// it: dedent() gives it back as the author wrote it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedent } from '../../www/lesson-program.js';

test('the indentation every line shares goes, the program’s own stays', () => {
  const html = '\n      import time\n\n      def f():\n          time.sleep(1)\n      f()\n    ';
  assert.equal(dedent(html), 'import time\n\ndef f():\n    time.sleep(1)\nf()');
});

test('blank lines at either end go, blank lines inside stay, whatever spaces they hold', () => {
  assert.equal(dedent('\n\n  \n    a = 1\n  \n    b = 2\n\n   \n'), 'a = 1\n\nb = 2');
});

test('tabs and spaces are not the same indentation', () => {
  assert.equal(dedent('\tx = 1\n    y = 2'), '\tx = 1\n    y = 2');
  assert.equal(dedent('\r\n\t\tx = 1\r\n\t\ty = 2\r\n'), 'x = 1\ny = 2');
});

test('no program at all is the empty string', () => {
  assert.equal(dedent('\n   \n\t\n'), '');
});
