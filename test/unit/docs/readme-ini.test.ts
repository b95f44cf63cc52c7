// Every ```ini block of the README is a config (or part of one) that tend reads without an
// error or a warning: the keys it documents exist, with the values it shows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { load } from '../config/helpers';

const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/^```ini\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);

test('the README has ini blocks', () => {
  assert.ok(BLOCKS.length >= 2, `found ${BLOCKS.length}`);
});

for (const [i, block] of BLOCKS.entries()) {
  test(`README ini block ${i + 1} loads without errors or warnings: ${block.split('\n')[0]}`, () => {
    const text = block.includes('[supervisord]') ? block : `[supervisord]\n${block}`;
    const l = load(text);
    if (!l.result.ok) assert.fail(l.result.errors.join('\n'));
    const warnings = l.result.config.messages.filter((m) => m.level !== 'INFO').map((m) => m.text);
    assert.deepEqual(warnings, []);
  });
}
