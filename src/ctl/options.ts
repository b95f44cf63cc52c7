// ctl's command line, read as supervisorctl reads it (spec §1.2): getopt-style options up to
// the first word that is not an option (src/python/getopt.ts); the rest is the action.

import { getopt, type Given, type OptionSpec } from '../python/getopt';

export interface CtlOptions {
  readonly configFile: string | null;
  readonly serverurl: string | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly historyFile: string | null;
  readonly interactive: boolean;
  readonly help: boolean;
  /** the action and its arguments */
  readonly args: readonly string[];
}

export type ParsedArgs = { readonly ok: true; readonly options: CtlOptions } | { readonly ok: false; readonly error: string };

type Key = 'configFile' | 'serverurl' | 'username' | 'password' | 'historyFile' | 'interactive' | 'help';

interface CtlOptionSpec extends OptionSpec {
  readonly key: Key;
}

const SPECS: readonly CtlOptionSpec[] = [
  { short: 'c', long: 'configuration', key: 'configFile', takesValue: true },
  { short: 's', long: 'serverurl', key: 'serverurl', takesValue: true },
  { short: 'u', long: 'username', key: 'username', takesValue: true },
  { short: 'p', long: 'password', key: 'password', takesValue: true },
  { short: 'r', long: 'history-file', key: 'historyFile', takesValue: true },
  { short: 'i', long: 'interactive', key: 'interactive', takesValue: false },
  { short: 'h', long: 'help', key: 'help', takesValue: false },
  { short: '?', long: null, key: 'help', takesValue: false },
];

/** supervisorctl's URL check: a scheme, then a host or a path. */
export function looksLikeUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(value);
  if (m === null) return false;
  const rest = m[2];
  return rest.startsWith('//') ? rest.length > 2 : rest.length > 0;
}

/** the values by key; a repeated option (other than help) or a bad URL is an error */
function collect(given: readonly Given<CtlOptionSpec>[]): Map<Key, string | true> | string {
  const values = new Map<Key, string | true>();
  for (const { flag, spec, value } of given) {
    if (values.has(spec.key) && spec.key !== 'help') return `conflicting command line option '${flag}'`;
    if (spec.key === 'serverurl' && value !== null && !looksLikeUrl(value)) {
      return `invalid value for ${flag} '${value}': value '${value}' is not a URL`;
    }
    values.set(spec.key, value ?? true);
  }
  return values;
}

export function parseCtlArgs(argv: readonly string[]): ParsedArgs {
  const scanned = getopt(argv, SPECS);
  if (!scanned.ok) return { ok: false, error: scanned.error };
  const values = collect(scanned.given);
  if (typeof values === 'string') return { ok: false, error: values };
  const str = (k: Key): string | null => {
    const v = values.get(k);
    return typeof v === 'string' ? v : null;
  };
  return {
    ok: true,
    options: {
      configFile: str('configFile'),
      serverurl: str('serverurl'),
      username: str('username'),
      password: str('password'),
      historyFile: str('historyFile'),
      interactive: values.has('interactive'),
      help: values.has('help'),
      args: scanned.rest,
    },
  };
}
