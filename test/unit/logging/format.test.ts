import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLine, timestamp } from '../../../src/logging/format';

test('timestamp is local time with truncated milliseconds and a comma', () => {
  const d = new Date(2026, 10, 26, 14, 19, 2, 804);
  assert.equal(timestamp(d), '2026-11-26 14:19:02,804');
  assert.equal(timestamp(new Date(2026, 0, 5, 3, 4, 5, 7)), '2026-01-05 03:04:05,007');
});

test('a line is timestamp, 4-letter level, message and newline', () => {
  const d = new Date(2026, 10, 26, 14, 19, 2, 804);
  assert.equal(formatLine(d, 'INFO', "spawned: 'running' with pid 5975"),
    "2026-11-26 14:19:02,804 INFO spawned: 'running' with pid 5975\n");
});
