// The layer order of docs/architecture.md, checked on every file of src/: imports run only
// down the layers, never up and never sideways between peers; the bottom layers and the
// core are pure (no Node imports, no clock, no timers, no process).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const SRC = path.resolve(__dirname, '../../src');

/** Lowest first. Layers on one line are peers: neither may import the other. */
const LAYERS: readonly (readonly string[])[] = [
  ['common'],
  ['python'],
  ['config'],
  ['core'],
  ['logging'],
  ['protocol'],
  ['runtime', 'server'],
  ['ctl', 'boot'],
  ['main.ts', 'ctl.ts'],
];
const PURE = new Set(['common', 'python', 'core']);
const IMPURE = [/from 'node:/, /require\(/, /Date\.now|new Date/, /setTimeout|setInterval|setImmediate/, /\bprocess\./];

function rankOf(layer: string): number {
  const r = LAYERS.findIndex((l) => l.includes(layer));
  assert.notEqual(r, -1, `src/${layer} is in no layer: add it to LAYERS and to docs/architecture.md`);
  return r;
}

/** the first path component under src/ ('ctl.ts' for the entry, 'ctl' for the folder) */
function layerOf(abs: string): string {
  return path.relative(SRC, abs).split(path.sep)[0] as string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** relative module specifiers of import/export-from/import()/require() */
function importsOf(text: string): string[] {
  const re = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.[^'"]*)['"]/gm;
  return [...text.matchAll(re)].map((m) => m[1] as string);
}

const FILES = walk(SRC);

test('every file of src/ belongs to a layer', () => {
  for (const f of FILES) rankOf(layerOf(f));
});

test('imports run only down the layers (config -> core -> logging -> ... -> entries)', () => {
  const wrong: string[] = [];
  for (const file of FILES) {
    const from = layerOf(file);
    for (const spec of importsOf(withoutComments(fs.readFileSync(file, 'utf8')))) {
      const to = layerOf(path.resolve(path.dirname(file), spec));
      if (to === from) continue;
      if (rankOf(to) >= rankOf(from)) wrong.push(`${path.relative(SRC, file)} imports ${spec} (${from} -> ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('common, python and core are pure: no Node imports, clock reads, timers or process', () => {
  for (const file of FILES.filter((f) => PURE.has(layerOf(f)))) {
    const text = withoutComments(fs.readFileSync(file, 'utf8'));
    for (const re of IMPURE) assert.doesNotMatch(text, re, `${path.relative(SRC, file)}: ${re}`);
  }
});

test('the checker sees an upward import (negative control)', () => {
  const text = "import { x } from '../runtime/y';\nexport { z } from './z';\nconst m = await import('../ctl/q');";
  assert.deepEqual(importsOf(text), ['../runtime/y', './z', '../ctl/q']);
  const file = path.join(SRC, 'config', 'bad.ts');
  const to = layerOf(path.resolve(path.dirname(file), '../runtime/y'));
  assert.ok(rankOf(to) > rankOf(layerOf(file)));
});
