// User and group look-ups for user= and chown= (spec §2.3), over an injectable database so
// that tests need no real accounts. The database is built from /etc/passwd and /etc/group text.
// Pure.

import type { ChownSpec, UserSpec } from './types';
import { fail, ok, pyInt, type Conv } from '../python/builtins';

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

export interface UserDb {
  userByName(name: string): PasswdEntry | undefined;
  userById(uid: number): PasswdEntry | undefined;
  groupByName(name: string): GroupEntry | undefined;
  groupById(gid: number): GroupEntry | undefined;
  /** gids of the groups that list this user as a member */
  memberOf(name: string): readonly number[];
}

function records(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('+') && !l.startsWith('-'))
    .map((l) => l.split(':'));
}

function num(s: string | undefined): number {
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN;
}

export function parsePasswd(text: string): PasswdEntry[] {
  return records(text)
    .map(([name, , uid, gid, , home]) => ({ name: name ?? '', uid: num(uid), gid: num(gid), home: home ?? '' }))
    .filter((e) => e.name !== '' && !Number.isNaN(e.uid) && !Number.isNaN(e.gid));
}

export function parseGroup(text: string): GroupEntry[] {
  return records(text)
    .map(([name, , gid, members]) => ({
      name: name ?? '',
      gid: num(gid),
      members: (members ?? '').split(',').map((m) => m.trim()).filter((m) => m !== ''),
    }))
    .filter((e) => e.name !== '' && !Number.isNaN(e.gid));
}

/** A database over parsed entries; the first entry of a name or id wins, as getpwnam does. */
export function userDbFrom(users: readonly PasswdEntry[], groups: readonly GroupEntry[]): UserDb {
  return {
    userByName: (name) => users.find((u) => u.name === name),
    userById: (uid) => users.find((u) => u.uid === uid),
    groupByName: (name) => groups.find((g) => g.name === name),
    groupById: (gid) => groups.find((g) => g.gid === gid),
    memberOf: (name) => groups.filter((g) => g.members.includes(name)).map((g) => g.gid),
  };
}

export function userDbFromText(passwd: string, group: string): UserDb {
  return userDbFrom(parsePasswd(passwd), parseGroup(group));
}

/** supervisord's name_to_uid: a uid (must exist) or a user name. */
function findUser(spec: string, db: UserDb): Conv<PasswdEntry> {
  const asInt = pyInt(spec);
  if (asInt.ok) {
    const byId = db.userById(asInt.value);
    return byId ? ok(byId) : fail(`Invalid user id ${spec}`);
  }
  const byName = db.userByName(spec);
  return byName ? ok(byName) : fail(`Invalid user name ${spec}`);
}

function findGroup(spec: string, db: UserDb): Conv<number> {
  const asInt = pyInt(spec);
  if (asInt.ok) return db.groupById(asInt.value) ? ok(asInt.value) : fail(`Invalid group id ${spec}`);
  const byName = db.groupByName(spec);
  return byName ? ok(byName.gid) : fail(`Invalid group name ${spec}`);
}

/** user=: a name or uid resolved to the account, its primary gid first then its other groups. */
export function toUser(spec: string, db: UserDb): Conv<UserSpec> {
  const found = findUser(spec, db);
  if (!found.ok) return found;
  const u = found.value;
  const groups = [u.gid, ...[...new Set(db.memberOf(u.name))].filter((g) => g !== u.gid).sort((a, b) => a - b)];
  return ok({ spec, name: u.name, uid: u.uid, gid: u.gid, groups, home: u.home });
}

/** chown=: user or user:group; gid -1 keeps the group. */
export function toUserGroup(spec: string, db: UserDb): Conv<ChownSpec> {
  const colon = spec.indexOf(':');
  const user = findUser(colon === -1 ? spec : spec.slice(0, colon), db);
  const gid = colon === -1 ? ok(-1) : findGroup(spec.slice(colon + 1), db);
  if (!user.ok || !gid.ok) return fail(`Invalid user:group definition ${spec}`);
  return ok({ uid: user.value.uid, gid: gid.value });
}
