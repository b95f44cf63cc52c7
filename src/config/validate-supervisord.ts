// [supervisord] (spec §2.4), with command-line values taking the place of keys (spec §1.1).

import { pathEnv, type ValidateContext } from './context';
import * as c from './convert';
import { envNames, withNames, type Names } from './expand';
import type { IniDocument, IniSection } from './ini';
import { flagFor, type OverrideKey } from './options';
import { ok, pyRepr, type Conv } from '../python/builtins';
import { consolePrefix } from './prefix';
import { Problems, SectionReader } from './reader';
import { defaultChildLogDir, SUPERVISORD_DEFAULTS as D } from './schema';
import type { SupervisordConfig } from './types';

export interface SupervisordResult {
  readonly config: SupervisordConfig;
  /** ENV_ names for later sections: the start environment plus [supervisord] environment= */
  readonly envNames: Names;
}

/** section may be absent (its absence is reported by the caller); defaults then apply. */
export function readSupervisord(
  doc: IniDocument,
  section: IniSection,
  problems: Problems,
  ctx: ValidateContext,
): SupervisordResult {
  const baseNames = envNames(ctx.env);
  const r = new SectionReader(doc, section, problems, { suffix: '', names: baseNames, here: true });
  const paths = pathEnv(ctx);

  function get<T>(key: OverrideKey, dflt: string | null, conv: (v: string) => Conv<T>, fallback: T): T {
    const ov = ctx.overrides[key];
    if (ov === undefined) return r.value(key, dflt, conv, fallback);
    const got = conv(ov);
    if (got.ok) return got.value;
    problems.error(key === 'user' ? got.error : `invalid value for ${flagFor(key)} ${pyRepr(ov)}: ${got.error}`);
    return fallback;
  }
  const opt = <T>(key: OverrideKey, conv: (v: string) => Conv<T>): T | null => get<T | null>(key, null, conv, null);
  const dirpath = (v: string): Conv<string> => c.existingDirpath(v, paths);
  const directory = (v: string): Conv<string> => c.existingDirectory(v, paths);

  // 'syslog' (exactly) means the syslog, not ./syslog
  const logpath = (v: string): Conv<string> => {
    const p = dirpath(v);
    return p.ok && v === 'syslog' ? ok(v) : p;
  };
  const logfile = get('logfile', D.logfile, logpath, '');
  const environment = r.value('environment', D.environment, c.environment, {}, {
    names: withNames(baseNames, { host_node_name: ctx.hostname }),
  });
  const config: SupervisordConfig = {
    logfile,
    logfile_maxbytes: get('logfile_maxbytes', D.logfile_maxbytes, c.byteSize, 0),
    logfile_backups: get('logfile_backups', D.logfile_backups, c.integer, 0),
    loglevel: get('loglevel', D.loglevel, c.loglevel, 'info'),
    pidfile: get('pidfile', D.pidfile, dirpath, ''),
    umask: get('umask', D.umask, c.octal, 0),
    nodaemon: get('nodaemon', D.nodaemon, c.boolean, false),
    silent: get('silent', D.silent, c.boolean, false),
    minfds: get('minfds', D.minfds, c.integer, 0),
    minprocs: get('minprocs', D.minprocs, c.integer, 0),
    nocleanup: get('nocleanup', D.nocleanup, c.boolean, false),
    childlogdir: get('childlogdir', defaultChildLogDir(ctx.env, ctx.isDir), directory, ''),
    user: opt('user', (v) => c.user(v, ctx.users)),
    directory: opt('directory', directory),
    strip_ansi: get('strip_ansi', D.strip_ansi, c.boolean, false),
    console_prefix: r.value('console_prefix', D.console_prefix ?? null, consolePrefix, null),
    environment,
    identifier: get('identifier', D.identifier, ok, ''),
    shutdown_timeout: r.value('shutdown_timeout', D.shutdown_timeout, c.seconds, 0),
    adopted_stopwaitsecs: r.value('adopted_stopwaitsecs', D.adopted_stopwaitsecs, c.seconds, 3),
  };
  const names = new Map(baseNames);
  for (const [k, v] of Object.entries(environment)) names.set(`ENV_${k}`, v);
  return { config, envNames: names };
}
