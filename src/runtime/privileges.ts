// [supervisord] user=: tend drops to that user once, at start, before it opens any log or
// socket (spec §2.4, §4.1). Children then run as that user unless they name another, which
// only works while tend is root.

import { errorText } from '../common/errors';
import type { UserSpec } from '../config/types';

export type DropResult = { readonly ok: true; readonly message: string | null } | { readonly ok: false; readonly error: string };

interface Ids {
  getuid(): number;
  setgroups(groups: number[]): void;
  setgid(id: number): void;
  setuid(id: number): void;
}

export function dropPrivileges(user: UserSpec | null, ids: Ids = process as unknown as Ids): DropResult {
  if (user === null) return { ok: true, message: null };
  const uid = ids.getuid();
  const message = `Set uid to user ${user.uid} succeeded`;
  // supervisord logs the line whenever user= is set, also when it already runs as that user
  if (uid === user.uid) return { ok: true, message };
  if (uid !== 0) return { ok: false, error: "Can't drop privilege as nonroot user" };
  try {
    ids.setgroups([...new Set([user.gid, ...user.groups])]);
    ids.setgid(user.gid);
    ids.setuid(user.uid);
  } catch (err) {
    return { ok: false, error: `Could not set user id of user ${user.name}: ${errorText(err)}` };
  }
  return { ok: true, message };
}
