// What validation needs from the outside world, passed in so that it stays pure and testable.

import type { PrefixTemplate } from './prefix';
import type { PathEnv } from './convert';
import type { UserDb } from './users';

export interface ValidateContext {
  /** the environment snapshot for ENV_ names (supervisord's environment at start) */
  readonly env: Readonly<Record<string, string>>;
  /** where relative paths start (supervisord's cwd at start) */
  readonly cwd: string;
  readonly hostname: string;
  readonly users: UserDb;
  isDir(absPath: string): boolean;
  /** command-line values that replace [supervisord] keys (OverrideKey -> raw text) */
  readonly overrides: Readonly<Record<string, string>>;
  /** [supervisord] console_prefix, the default of every program's (set once it is read) */
  readonly consolePrefix?: PrefixTemplate;
}

export function pathEnv(ctx: ValidateContext): PathEnv {
  return { cwd: ctx.cwd, home: ctx.env.HOME, users: ctx.users, isDir: (p) => ctx.isDir(p) };
}
