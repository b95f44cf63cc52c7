// ctl's command line, read as supervisorctl reads it (spec §1.2): getopt-style options up to
// the first word that is not an option; the rest is the action. Long options may be
// abbreviated to a unique prefix.

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

interface OptionSpec {
  readonly short: string;
  readonly long: string;
  readonly key: Key;
  readonly takesValue: boolean;
}

const SPECS: readonly OptionSpec[] = [
  { short: 'c', long: 'configuration', key: 'configFile', takesValue: true },
  { short: 's', long: 'serverurl', key: 'serverurl', takesValue: true },
  { short: 'u', long: 'username', key: 'username', takesValue: true },
  { short: 'p', long: 'password', key: 'password', takesValue: true },
  { short: 'r', long: 'history-file', key: 'historyFile', takesValue: true },
  { short: 'i', long: 'interactive', key: 'interactive', takesValue: false },
  { short: 'h', long: 'help', key: 'help', takesValue: false },
  { short: '?', long: 'help', key: 'help', takesValue: false },
];

/** supervisorctl's URL check: a scheme, then a host or a path. */
export function looksLikeUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(value);
  if (m === null) return false;
  const rest = m[2];
  return rest.startsWith('//') ? rest.length > 2 : rest.length > 0;
}

class Collector {
  readonly values = new Map<Key, string | true>();
  readonly seen = new Set<Key>();

  set(spec: OptionSpec, shown: string, value: string | true): string | null {
    if (this.seen.has(spec.key) && spec.key !== 'help') return `conflicting command line option '${shown}'`;
    this.seen.add(spec.key);
    if (spec.key === 'serverurl' && typeof value === 'string' && !looksLikeUrl(value)) {
      return `invalid value for ${shown} '${value}': value '${value}' is not a URL`;
    }
    this.values.set(spec.key, value);
    return null;
  }
}

function longOption(word: string, next: string | undefined, c: Collector): { error: string | null; used: number } {
  const eq = word.indexOf('=');
  const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
  const exact = SPECS.find((s) => s.long === name);
  const matches = exact ? [exact] : [...new Set(SPECS.filter((s) => s.long.startsWith(name)).map((s) => s.long))].map((l) => SPECS.find((s) => s.long === l)!);
  if (matches.length === 0) return { error: `option --${name} not recognized`, used: 1 };
  if (matches.length > 1) return { error: `option --${name} not a unique prefix`, used: 1 };
  const spec = matches[0];
  const shown = `--${spec.long}`;
  if (!spec.takesValue) {
    if (eq >= 0) return { error: `option --${spec.long} must not have an argument`, used: 1 };
    return { error: c.set(spec, shown, true), used: 1 };
  }
  if (eq >= 0) return { error: c.set(spec, shown, word.slice(eq + 1)), used: 1 };
  if (next === undefined) return { error: `option --${spec.long} requires argument`, used: 1 };
  return { error: c.set(spec, shown, next), used: 2 };
}

function shortOptions(word: string, next: string | undefined, c: Collector): { error: string | null; used: number } {
  for (let i = 1; i < word.length; i++) {
    const ch = word[i];
    const spec = SPECS.find((s) => s.short === ch);
    if (spec === undefined) return { error: `option -${ch} not recognized`, used: 1 };
    if (!spec.takesValue) {
      const err = c.set(spec, `-${ch}`, true);
      if (err !== null) return { error: err, used: 1 };
      continue;
    }
    const rest = word.slice(i + 1);
    if (rest !== '') return { error: c.set(spec, `-${ch}`, rest), used: 1 };
    if (next === undefined) return { error: `option -${ch} requires argument`, used: 1 };
    return { error: c.set(spec, `-${ch}`, next), used: 2 };
  }
  return { error: null, used: 1 };
}

export function parseCtlArgs(argv: readonly string[]): ParsedArgs {
  const c = new Collector();
  let i = 0;
  while (i < argv.length) {
    const word = argv[i];
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    const r = word.startsWith('--') ? longOption(word, argv[i + 1], c) : shortOptions(word, argv[i + 1], c);
    if (r.error !== null) return { ok: false, error: r.error };
    i += r.used;
  }
  const str = (k: Key): string | null => {
    const v = c.values.get(k);
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
      interactive: c.values.has('interactive'),
      help: c.values.has('help'),
      args: argv.slice(i),
    },
  };
}
