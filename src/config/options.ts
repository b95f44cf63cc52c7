// The init's command-line options (spec §1.1) as data: shared by cli.ts, which parses argv, and
// validate-supervisord.ts, which applies the values over the [supervisord] keys.

/** [supervisord] keys a command-line option can set. */
export type OverrideKey =
  | 'nodaemon'
  | 'silent'
  | 'nocleanup'
  | 'strip_ansi'
  | 'user'
  | 'umask'
  | 'directory'
  | 'logfile'
  | 'logfile_maxbytes'
  | 'logfile_backups'
  | 'loglevel'
  | 'pidfile'
  | 'identifier'
  | 'childlogdir'
  | 'minfds'
  | 'minprocs';

/** Command-line values by [supervisord] key, as raw text ('true' for flags). */
export type Overrides = Readonly<Partial<Record<OverrideKey, string>>>;

export type OptionTarget = OverrideKey | 'configfile' | 'help' | 'version' | 'check' | 'profile_options';

export interface OptionDef {
  /** one letter, without '-' */
  readonly short: string | null;
  /** without '--' */
  readonly long: string | null;
  readonly takesValue: boolean;
  readonly target: OptionTarget;
}

const opt = (short: string | null, long: string | null, takesValue: boolean, target: OptionTarget): OptionDef => ({
  short,
  long,
  takesValue,
  target,
});

/**
 * supervisord's options, except that -t means --check here (supervisord's -t is --strip_ansi,
 * which stays available as the long option).
 */
export const INIT_OPTIONS: readonly OptionDef[] = [
  opt('h', 'help', false, 'help'),
  opt('?', null, false, 'help'),
  opt('v', 'version', false, 'version'),
  opt('c', 'configuration', true, 'configfile'),
  opt('t', 'check', false, 'check'),
  opt('n', 'nodaemon', false, 'nodaemon'),
  opt('s', 'silent', false, 'silent'),
  opt('k', 'nocleanup', false, 'nocleanup'),
  opt(null, 'strip_ansi', false, 'strip_ansi'),
  opt('u', 'user', true, 'user'),
  opt('m', 'umask', true, 'umask'),
  opt('d', 'directory', true, 'directory'),
  opt('l', 'logfile', true, 'logfile'),
  opt('y', 'logfile_maxbytes', true, 'logfile_maxbytes'),
  opt('z', 'logfile_backups', true, 'logfile_backups'),
  opt('e', 'loglevel', true, 'loglevel'),
  opt('j', 'pidfile', true, 'pidfile'),
  opt('i', 'identifier', true, 'identifier'),
  opt('q', 'childlogdir', true, 'childlogdir'),
  opt('a', 'minfds', true, 'minfds'),
  opt(null, 'minprocs', true, 'minprocs'),
  opt(null, 'profile_options', true, 'profile_options'),
];

/** How supervisord names an option in `invalid value for -m 'x'`: the short form if there is one. */
export function flagFor(target: OptionTarget): string {
  const def = INIT_OPTIONS.find((o) => o.target === target);
  if (def === undefined) return target;
  return def.short !== null ? `-${def.short}` : `--${def.long ?? target}`;
}
