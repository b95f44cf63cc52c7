// src/core stays pure: no Node imports, no clock, no timers (architecture convention 2).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const CORE = path.resolve(__dirname, '../../../src/core');
const FORBIDDEN = [/from 'node:/, /require\(/, /Date\.now|new Date/, /setTimeout|setInterval|setImmediate/, /\bprocess\./];

test('src/core has no Node imports, clock reads or timers', () => {
  for (const file of fs.readdirSync(CORE).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(CORE, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    for (const re of FORBIDDEN) assert.doesNotMatch(text, re, `${file}: ${re}`);
  }
});
