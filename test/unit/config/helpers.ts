// Shared helpers for the config tests: temp dirs with config files, a fake user database,
// and loadConfig with a fixed environment and host name.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type LoadOptions } from '../../../src/config/load';
import type { Config, LoadResult } from '../../../src/config/types';
import { userDbFromText } from '../../../src/config/users';

export const users = userDbFromText(
  ['root:x:0:0:root:/root:/bin/bash', 'www:x:33:33:www:/var/www:/bin/sh', 'app:x:1000:1000::/home/app:/bin/sh'].join('\n'),
  ['root:x:0:', 'www:x:33:', 'app:x:1000:', 'docker:x:999:app,www', 'audio:x:29:app'].join('\n'),
);

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'tend-config-'));
}

/** Write files (relative path -> text) under a new temp dir; returns the dir. */
export function writeTree(files: Readonly<Record<string, string>>, dir = tempDir()): string {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

/** A [supervisord] section that needs nothing from the machine. */
export function head(dir: string): string {
  return `[supervisord]\nlogfile=${dir}/sd.log\npidfile=${dir}/sd.pid\nchildlogdir=${dir}\n`;
}

export const ENV = { HOME: '/root', PATH: '/usr/bin:/bin', FOO: 'foo' };

export interface Loaded {
  readonly dir: string;
  readonly file: string;
  readonly result: LoadResult;
}

/** Write text (with `@DIR@` replaced by the temp dir) as supervisord.conf and load it. */
export function load(text: string, opts: LoadOptions = {}, more: Readonly<Record<string, string>> = {}): Loaded {
  const dir = tempDir();
  const sub = (s: string): string => s.replaceAll('@DIR@', dir);
  const files: Record<string, string> = { 'supervisord.conf': sub(text) };
  for (const [k, v] of Object.entries(more)) files[k] = sub(v);
  writeTree(files, dir);
  const file = path.join(dir, 'supervisord.conf');
  const result = loadConfig(file, { env: ENV, cwd: dir, users, hostname: 'box', ...opts });
  return { dir, file, result };
}

export function ok(l: Loaded): Config {
  if (!l.result.ok) assert.fail(`expected a config, got errors:\n${l.result.errors.join('\n')}`);
  return l.result.config;
}

export function errors(l: Loaded): readonly string[] {
  if (l.result.ok) assert.fail('expected errors, got a config');
  return l.result.errors;
}

/** Exactly one error, equal to `<file>:<line>: <message>`. */
export function oneError(l: Loaded, line: number, message: string): void {
  assert.deepEqual(errors(l), [`${l.file}:${line}: ${message}`]);
}

/** supervisord's suffix for program-section errors. */
export function inProgram(l: Loaded, name: string): string {
  return ` in section 'program:${name}' (file: '${l.file}')`;
}
