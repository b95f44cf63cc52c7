// One getopt-style scanner for both command lines (the init's and ctl's), read as Python's
// getopt reads them for supervisord and supervisorctl: options up to the first word that is
// not one (or `--`), clustered short flags, `-cFILE`, `--long=value`, and long options
// abbreviated to a unique prefix. Error texts are getopt's.

export interface OptionSpec {
  /** one letter, without '-' */
  readonly short: string | null;
  /** without '--' */
  readonly long: string | null;
  readonly takesValue: boolean;
}

export interface Given<S extends OptionSpec> {
  /** the option as written, in its full form: `-c` or `--configuration` */
  readonly flag: string;
  readonly spec: S;
  /** null for a flag */
  readonly value: string | null;
}

export type Scan<S extends OptionSpec> =
  | { readonly ok: true; readonly given: readonly Given<S>[]; readonly rest: readonly string[]; readonly dashdash: boolean }
  | { readonly ok: false; readonly error: string };

function scanLong<S extends OptionSpec>(specs: readonly S[], argv: readonly string[], i: number, given: Given<S>[]): number | string {
  const arg = argv[i] ?? '';
  const eq = arg.indexOf('=');
  const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
  const matches = specs.filter((o) => o.long !== null && o.long.startsWith(name));
  const spec = matches.find((o) => o.long === name) ?? (matches.length === 1 ? matches[0] : undefined);
  if (matches.length === 0) return `option --${name} not recognized`;
  if (spec === undefined) return `option --${name} not a unique prefix`;
  const long = spec.long ?? name;
  let value: string | null = eq === -1 ? null : arg.slice(eq + 1);
  if (spec.takesValue && value === null) {
    const next = argv[i + 1];
    if (next === undefined) return `option --${long} requires argument`;
    value = next;
    i += 1;
  } else if (!spec.takesValue && value !== null) return `option --${long} must not have an argument`;
  given.push({ flag: `--${long}`, spec, value });
  return i;
}

function scanShort<S extends OptionSpec>(specs: readonly S[], argv: readonly string[], i: number, given: Given<S>[]): number | string {
  const arg = argv[i] ?? '';
  for (let j = 1; j < arg.length; j += 1) {
    const ch = arg[j] ?? '';
    const spec = specs.find((o) => o.short === ch);
    if (spec === undefined) return `option -${ch} not recognized`;
    if (!spec.takesValue) {
      given.push({ flag: `-${ch}`, spec, value: null });
      continue;
    }
    let value = arg.slice(j + 1);
    if (value === '') {
      const next = argv[i + 1];
      if (next === undefined) return `option -${ch} requires argument`;
      value = next;
      i += 1;
    }
    given.push({ flag: `-${ch}`, spec, value });
    break;
  }
  return i;
}

export function getopt<S extends OptionSpec>(argv: readonly string[], specs: readonly S[]): Scan<S> {
  const given: Given<S>[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') return { ok: true, given, rest: argv.slice(i + 1), dashdash: true };
    if (!arg.startsWith('-') || arg === '-') return { ok: true, given, rest: argv.slice(i), dashdash: false };
    const next = arg.startsWith('--') ? scanLong(specs, argv, i, given) : scanShort(specs, argv, i, given);
    if (typeof next === 'string') return { ok: false, error: next };
    i = next;
  }
  return { ok: true, given, rest: [], dashdash: false };
}
