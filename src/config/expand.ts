// supervisord's %(name)s expansion of option values (spec §2.2): the error texts, and the sets
// of names each kind of section may use. Pure.

import { pyFormat, type FormatValue, type Names } from '../python/percent-format';
import { fail, ok, pyRepr, type Conv } from '../python/builtins';

export type { FormatValue, Names } from '../python/percent-format';

/**
 * Expand raw against names. label is what supervisord names the value in its message:
 * 'program:x.command', 'environment', 'include.files'...
 */
export function expand(raw: string, names: Names, label: string): Conv<string> {
  const r = pyFormat(raw, names);
  if (r.ok) return ok(r.value);
  if ('missing' in r) {
    const available = [...names.keys()].sort().join(', ');
    return fail(
      `Format string ${pyRepr(raw)} for ${pyRepr(label)} contains names (${pyRepr(r.missing)}) ` +
        `which cannot be expanded. Available names: ${available}`,
    );
  }
  return fail(`Format string ${pyRepr(raw)} for ${pyRepr(label)} is badly formatted: ${r.bad}`);
}

/** ENV_<VAR> for every variable of an environment snapshot. */
export function envNames(env: Readonly<Record<string, string>>): Map<string, FormatValue> {
  const names = new Map<string, FormatValue>();
  for (const [k, v] of Object.entries(env)) names.set(`ENV_${k}`, v);
  return names;
}

/** A copy of base with more names set (later ones win). */
export function withNames(base: Names, extra: Readonly<Record<string, FormatValue>> | Names): Map<string, FormatValue> {
  const names = new Map(base);
  const entries = extra instanceof Map ? extra.entries() : Object.entries(extra);
  for (const [k, v] of entries) names.set(k, v);
  return names;
}

/**
 * Names of a program-like section before its processes are expanded (§2.2): the ENV_ names,
 * program_name, group_name, host_node_name ('here' is added per key by the reader).
 */
export function programNames(
  env: Names,
  program: string,
  group: string,
  hostname: string,
): Map<string, FormatValue> {
  return withNames(env, { program_name: program, group_name: group, host_node_name: hostname });
}

/**
 * Names of one process: the program's names plus process_num and numprocs; then, once its
 * environment= is known, ENV_ of those keys (processEnvNames).
 */
export function processNames(program: Names, processNum: number, numprocs: number): Map<string, FormatValue> {
  return withNames(program, { process_num: processNum, numprocs });
}

export function processEnvNames(proc: Names, environment: Readonly<Record<string, string>>): Map<string, FormatValue> {
  const names = new Map(proc);
  for (const [k, v] of Object.entries(environment)) names.set(`ENV_${k}`, v);
  return names;
}

/** The options of a program that see process_num, numprocs and the program's own ENV_ (§2.2). */
export const PER_PROCESS_OPTIONS: ReadonlySet<string> = new Set([
  'command',
  'process_name',
  'environment',
  'directory',
  'stdout_logfile',
  'stderr_logfile',
  'stdout_logfile_backups',
  'stderr_logfile_backups',
  'stdout_logfile_maxbytes',
  'stderr_logfile_maxbytes',
  'stdout_syslog',
  'stderr_syslog',
]);
