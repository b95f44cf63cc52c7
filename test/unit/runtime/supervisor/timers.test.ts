// KeyedTimers: one timer per kind; a delay beyond setTimeout's range waits its longest instead
// of firing at once.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { KeyedTimers } from '../../../../src/runtime/supervisor/timers';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

test('setting a kind again replaces it; a huge delay does not fire at once', () => {
  const timers = new KeyedTimers<'a' | 'b'>();
  const fired: string[] = [];
  timers.set('a', 100, () => fired.push('a1'));
  timers.set('a', 200, () => fired.push('a2'));
  timers.set('b', 2 ** 40, () => fired.push('b'));
  mock.timers.tick(1000);
  assert.deepEqual(fired, ['a2']);
  assert.equal(timers.has('b'), true);
  mock.timers.tick(2 ** 31);
  assert.deepEqual(fired, ['a2', 'b']);
});
