// The init's command line (spec §1.1), parsed as supervisord's getopt does: bundled short flags
// (-nc file), values attached or separate, unique prefixes of long options, parsing stops at the
// first non-option. Returned as data; the entry file prints and exits. Pure.
//
// minimist does not fit: it accepts unknown options, does not report a missing value, knows no
// long-option prefixes and cannot tell a repeated option, all of which supervisord reports.

import * as c from './convert';
import { INIT_OPTIONS, type OverrideKey, type Overrides } from './options';
import { getopt } from '../python/getopt';
import { pyRepr, type Conv } from '../python/builtins';

/** Keep equal to package.json "version" (a unit test checks). */
export const TEND_VERSION = '0.1.0';
export const VERSION_TEXT = `tend ${TEND_VERSION} (supervisord 4.2.5 compatible)`;

export const HELP_TEXT = `tend -- a process supervisor for containers (PID 1) that reads supervisord.conf files.

Usage: tend [options] [-- command [arg ...]]

Options:
-c/--configuration FILE   the configuration file (searched for when not given)
-n/--nodaemon             accepted; tend always stays in the foreground
-s/--silent               do not copy the main log to stdout
-t/--check                read and check the configuration, print problems, exit
-h/--help                 print this text and exit
-v/--version              print tend's version and exit
-- command [arg ...]      supervise this one command instead of a configuration

These set the [supervisord] key of the same name, over the file's value:
-u/--user USER            -m/--umask UMASK          -d/--directory DIR
-l/--logfile FILE         -y/--logfile_maxbytes N   -z/--logfile_backups N
-e/--loglevel LEVEL       -j/--pidfile FILE         -i/--identifier NAME
-q/--childlogdir DIR      -a/--minfds N             --minprocs N
-k/--nocleanup            --strip_ansi              --profile_options X (ignored)
`;

export type CliResult =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'run';
      readonly configFile: string | null;
      readonly check: boolean;
      readonly overrides: Overrides;
      /** the command after '--' (single-program mode), or null */
      readonly single: readonly string[] | null;
    };

/** Checks of values that need no file system (the others are checked by loadConfig). */
const PURE_CHECKS: Partial<Record<OverrideKey, (v: string) => Conv<unknown>>> = {
  umask: c.octal,
  logfile_maxbytes: c.byteSize,
  logfile_backups: c.integer,
  loglevel: c.loglevel,
  minfds: c.integer,
  minprocs: c.integer,
};

export function parseCommandLine(argv: readonly string[]): CliResult {
  const scanned = getopt(argv, INIT_OPTIONS);
  if (!scanned.ok) return { kind: 'error', message: scanned.error };
  if (!scanned.dashdash && scanned.rest.length > 0) {
    return { kind: 'error', message: `positional arguments are not supported: [${scanned.rest.map(pyRepr).join(', ')}]` };
  }
  const seen = new Set<string>();
  const overrides: Partial<Record<OverrideKey, string>> = {};
  let configFile: string | null = null;
  let check = false;
  for (const { flag, spec, value } of scanned.given) {
    const target = spec.target;
    if (target === 'help') return { kind: 'help' };
    if (target === 'version') return { kind: 'version' };
    const pure = target in PURE_CHECKS ? PURE_CHECKS[target as OverrideKey] : undefined;
    const checked = pure && value !== null ? pure(value) : null;
    if (checked && !checked.ok) {
      return { kind: 'error', message: `invalid value for ${flag} ${pyRepr(value ?? '')}: ${checked.error}` };
    }
    if (seen.has(target)) return { kind: 'error', message: `conflicting command line option ${pyRepr(flag)}` };
    seen.add(target);
    if (target === 'configfile') configFile = value;
    else if (target === 'check') check = true;
    else if (target !== 'profile_options') overrides[target] = value ?? 'true';
  }
  const single = scanned.dashdash && scanned.rest.length > 0 ? scanned.rest : null;
  return { kind: 'run', configFile, check, overrides, single };
}
