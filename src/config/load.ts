// Entry points of the config reader: the init's full config, the ctl's [supervisorctl] view, and
// the default-path search of spec §1.3. Synchronous: it runs once at start and on reload.

import { hostname as osHostname } from 'node:os';
import type { ValidateContext } from './context';
import { envNames, expand, withNames, type Names } from './expand';
import { readIncludes } from './include';
import { createIniDocument, parseIniInto, type IniDocument } from './ini';
import { nodeFs, systemUserDb, type ConfigFs } from './node-io';
import { pyAbspath, pyDirname, pyJoin } from '../python/builtins';
import { Problems } from './reader';
import type { CtlFileConfig, LoadResult, SupervisorctlConfig } from './types';
import type { UserDb } from './users';
import { validate } from './validate';
import { normalizePath, readSupervisorctl } from './validate-servers';

export interface LoadOptions {
  /** environment snapshot for ENV_ names; default process.env */
  readonly env?: Readonly<Record<string, string>>;
  /** default process.cwd() */
  readonly cwd?: string;
  readonly users?: UserDb;
  /** host_node_name; default os.hostname() */
  readonly hostname?: string;
  /** command-line values for [supervisord] keys (cli.ts's Overrides) */
  readonly overrides?: Readonly<Record<string, string>>;
  readonly fs?: ConfigFs;
}

export type CtlLoadResult =
  | { readonly ok: true; readonly config: CtlFileConfig }
  | { readonly ok: false; readonly errors: readonly string[] };

export function envSnapshot(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function context(opts: LoadOptions): ValidateContext & { readonly fs: ConfigFs } {
  const fs = opts.fs ?? nodeFs;
  return {
    env: opts.env ?? envSnapshot(process.env),
    cwd: opts.cwd ?? process.cwd(),
    hostname: opts.hostname ?? osHostname(),
    users: opts.users ?? systemUserDb(),
    isDir: (p) => fs.isDir(p),
    overrides: opts.overrides ?? {},
    fs,
  };
}

/** Read the main file into a new document, or say why it cannot be read. */
function readMain(file: string, mainFile: string, fs: ConfigFs, problems: Problems): IniDocument | null {
  const text = fs.readFile(mainFile);
  if (text === null) {
    problems.error(fs.exists(mainFile) ? `could not read config file ${file}` : `could not find config file ${file}`);
    return null;
  }
  const doc = createIniDocument();
  for (const e of parseIniInto(doc, text, mainFile)) problems.error(e);
  return doc;
}

/** The init's configuration: every error at once, or the typed Config. */
export function loadConfig(file: string, opts: LoadOptions = {}): LoadResult {
  const ctx = context(opts);
  const mainFile = pyAbspath(file, ctx.cwd);
  const problems = new Problems();
  const doc = readMain(file, mainFile, ctx.fs, problems);
  if (doc === null) return { ok: false, errors: problems.errors };
  readIncludes(doc, mainFile, problems, withNames(envNames(ctx.env), { host_node_name: ctx.hostname }), ctx.fs);
  const config = validate(doc, mainFile, problems, ctx);
  return config === null ? { ok: false, errors: problems.errors } : { ok: true, config };
}

const CTL_DEFAULTS: SupervisorctlConfig = {
  serverurl: null, username: null, password: null, prompt: 'supervisor', history_file: null,
};

/**
 * The ctl's view of a config file (as supervisorctl 4.2.5 reads it: the main file only, no
 * [supervisord] needed): [supervisorctl] and the [unix_http_server] socket path.
 */
export function loadCtlConfig(file: string, opts: LoadOptions = {}): CtlLoadResult {
  const ctx = context(opts);
  const mainFile = pyAbspath(file, ctx.cwd);
  const problems = new Problems();
  const doc = readMain(file, mainFile, ctx.fs, problems);
  if (doc === null || problems.errors.length > 0) return { ok: false, errors: problems.errors };
  const env = envNames(ctx.env);
  // supervisorctl refuses a file without [supervisorctl]; tend's ctl reads the defaults instead
  // and goes on to [unix_http_server] file, so `ctl status` works with any supervisord.conf.
  const section = doc.sections.get('supervisorctl');
  const ctl = section === undefined ? CTL_DEFAULTS : readSupervisorctl(doc, section, problems, ctx, env, false);
  if (problems.errors.length > 0) return { ok: false, errors: problems.errors };
  return { ok: true, config: { ...ctl, unixSocketFile: unixSocketFile(doc, ctx, env) } };
}

/** [unix_http_server] file, as the init would resolve it; null when unset or not expandable. */
function unixSocketFile(doc: IniDocument, ctx: ValidateContext, env: Names): string | null {
  const entry = doc.sections.get('unix_http_server')?.entries.get('file');
  if (entry === undefined) return null;
  const r = expand(entry.value, withNames(env, { here: pyDirname(entry.file) }), 'unix_http_server.file');
  return r.ok ? normalizePath(r.value.trim(), ctx) : null;
}

export interface ConfigSearch {
  /** absolute path of the first existing file, or null */
  readonly file: string | null;
  /** the paths tried, as supervisord lists them */
  readonly searched: readonly string[];
}

/** Spec §1.3: H = dirname(dirname(script path)); the first existing file wins. */
export function findConfigFile(argv1: string, cwd: string, exists: (absPath: string) => boolean): ConfigSearch {
  const h = pyDirname(pyDirname(argv1));
  const searched = [
    pyJoin(pyJoin(h, 'etc'), 'supervisord.conf'),
    pyJoin(h, 'supervisord.conf'),
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
  const found = searched.map((p) => pyAbspath(p, cwd)).find((p) => exists(p));
  return { file: found ?? null, searched };
}

/** supervisord's text when the search finds nothing. */
export function noConfigFileMessage(searched: readonly string[]): string {
  return (
    `No config file found at default paths (${searched.join(', ')}); ` +
    'use the -c option to specify a config file at a different path'
  );
}
