// The only part of src/config that touches the real file system: the fs view used by
// include/glob/validate, and the user database from /etc/passwd and /etc/group.

import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncludeFs } from './include';
import { userDbFromText, type UserDb } from './users';

export interface ConfigFs extends IncludeFs {
  isDir(path: string): boolean;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export const nodeFs: ConfigFs = {
  readFile: readText,
  listDir(path) {
    try {
      return readdirSync(path);
    } catch {
      return null;
    }
  },
  isDir(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  exists(path) {
    try {
      lstatSync(path);
      return true;
    } catch {
      return false;
    }
  },
};

/** The accounts of this system, read once when first asked. */
export function systemUserDb(passwd = '/etc/passwd', group = '/etc/group'): UserDb {
  let db: UserDb | null = null;
  const get = (): UserDb => (db ??= userDbFromText(readText(passwd) ?? '', readText(group) ?? ''));
  return {
    userByName: (n) => get().userByName(n),
    userById: (u) => get().userById(u),
    groupByName: (n) => get().groupByName(n),
    groupById: (g) => get().groupById(g),
    memberOf: (n) => get().memberOf(n),
  };
}
