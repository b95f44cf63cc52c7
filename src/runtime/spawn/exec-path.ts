// Finding the executable of a command in the parent, before any fork (spec §3.5 step 1):
// argv0 with a '/' is used as written; otherwise the first PATH entry where it stats wins.
// Then, in order: not found, a directory, no x bit at all, access(X_OK) refused.

import * as fs from 'node:fs';
import { spawnErrors } from './errors';
import { shlexSplit } from '../../python/shlex';

export const DEFAULT_PATH: readonly string[] = ['/bin', '/usr/bin', '/usr/local/bin'];

/** Why a command cannot be run; fault as startProcess reports it (spec §6.4). */
export interface CommandFault {
  readonly ok: false;
  readonly fault: 'NO_FILE' | 'NOT_EXECUTABLE';
  readonly text: string;
}

export type Located = { readonly ok: true; readonly file: string } | CommandFault;
export type Resolved = { readonly ok: true; readonly file: string; readonly argv: string[] } | CommandFault;

/** The search list: the program's PATH if set, else tend's, else the default (empty counts as unset). */
export function searchPath(...paths: ReadonlyArray<string | undefined>): readonly string[] {
  for (const p of paths) if (p !== undefined && p !== '') return p.split(':');
  return DEFAULT_PATH;
}

/** Python's os.path.join(dir, name) for a bare name. */
function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null; // any error counts as "not there", as supervisord's os.stat
  }
}

/** Locate argv0 and check that it can be executed. */
export function resolveExecutable(argv0: string, dirs: readonly string[]): Located {
  let file = argv0;
  let st: fs.Stats | null = null;
  if (argv0.includes('/')) {
    st = statOrNull(argv0);
  } else {
    for (const dir of dirs) {
      const candidate = joinPath(dir, argv0);
      st = statOrNull(candidate);
      if (st) {
        file = candidate;
        break;
      }
    }
  }
  if (!st) return { ok: false, fault: 'NO_FILE', text: spawnErrors.notFound(file) };
  if (st.isDirectory()) return { ok: false, fault: 'NOT_EXECUTABLE', text: spawnErrors.isDirectory(file) };
  if ((st.mode & 0o111) === 0) return { ok: false, fault: 'NOT_EXECUTABLE', text: spawnErrors.notExecutable(file) };
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return { ok: false, fault: 'NOT_EXECUTABLE', text: spawnErrors.noPermission(file) };
  }
  return { ok: true, file };
}

/** Split a command and resolve its executable: everything a spawn needs to know before forking. */
export function resolveCommand(command: string, dirs: readonly string[]): Resolved {
  const split = shlexSplit(command);
  if (!split.ok) return { ok: false, fault: 'NOT_EXECUTABLE', text: spawnErrors.cantParse(command, split.error) };
  const argv0 = split.argv[0];
  if (argv0 === undefined) return { ok: false, fault: 'NOT_EXECUTABLE', text: spawnErrors.empty() };
  const found = resolveExecutable(argv0, dirs);
  return found.ok ? { ok: true, file: found.file, argv: split.argv } : found;
}
