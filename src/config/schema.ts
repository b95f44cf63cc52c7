// The only home of defaults: every key of every section tend reads, with supervisord's default
// as the raw text a user could have written (spec §2.4–§2.10). null = no default (unset).

import { DEFAULT_CONSOLE_PREFIX } from './prefix';
import type { OutputChannel } from './types';
import type { Conv } from '../python/builtins';

export type Defaults = Readonly<Record<string, string | null>>;

/** The default of key, converted: what a reader falls back to, so no default is written twice. */
export function defaultValue<T>(defaults: Defaults, key: string, conv: (v: string) => Conv<T>): T {
  const raw = defaults[key];
  const r = raw === null || raw === undefined ? undefined : conv(raw);
  if (r === undefined || !r.ok) throw new Error(`schema: ${key} has no valid default`);
  return r.value;
}

export const SUPERVISORD_DEFAULTS: Defaults = {
  logfile: 'supervisord.log',
  logfile_maxbytes: '50MB',
  logfile_backups: '10',
  loglevel: 'info',
  pidfile: 'supervisord.pid',
  umask: '022',
  nodaemon: 'false',
  silent: 'false',
  minfds: '1024',
  minprocs: '200',
  nocleanup: 'false',
  /** computed: see defaultChildLogDir */
  childlogdir: null,
  user: null,
  directory: null,
  strip_ansi: 'false',
  console_prefix: DEFAULT_CONSOLE_PREFIX,
  environment: '',
  identifier: 'supervisor',
  /** tend: 0 = no bound on the whole shutdown */
  shutdown_timeout: '0',
  /** tend: SIGTERM to adopted processes, SIGKILL this many seconds later */
  adopted_stopwaitsecs: '3',
};

/** childlogdir: $TMPDIR when it is a directory, else /tmp (Python's tempfile.gettempdir()). */
export function defaultChildLogDir(env: Readonly<Record<string, string>>, isDir: (p: string) => boolean): string {
  const tmp = env.TMPDIR;
  return tmp !== undefined && tmp !== '' && isDir(tmp) ? tmp : '/tmp';
}

const STREAM_DEFAULTS = (s: OutputChannel): Defaults => ({
  /** unset: tend's console (a documented deviation from supervisord's AUTO) */
  [`${s}_logfile`]: null,
  [`${s}_logfile_maxbytes`]: '50MB',
  [`${s}_logfile_backups`]: '10',
  [`${s}_capture_maxbytes`]: '0',
  [`${s}_events_enabled`]: 'false',
  [`${s}_syslog`]: 'false',
});

export const PROGRAM_DEFAULTS: Defaults = {
  command: null,
  process_name: '%(program_name)s',
  numprocs: '1',
  numprocs_start: '0',
  priority: '999',
  autostart: 'true',
  startsecs: '1',
  /** an integer, or infinite */
  startretries: '3',
  backoff: 'linear',
  /** not applied while every wait is supervisord's own (backoff=linear, a finite startretries,
   * restart_backoff=none): those grow without a cap, as in supervisord */
  backoff_max: '60',
  restart_backoff: 'none',
  autorestart: 'unexpected',
  exitcodes: '0',
  stopsignal: 'TERM',
  stopwaitsecs: '10',
  stopasgroup: 'false',
  /** null: the value of stopasgroup */
  killasgroup: null,
  user: null,
  redirect_stderr: 'false',
  ...STREAM_DEFAULTS('stdout'),
  ...STREAM_DEFAULTS('stderr'),
  environment: '',
  directory: null,
  umask: null,
  serverurl: 'AUTO',
  /** null: [supervisord] console_prefix */
  console_prefix: null,
  /** tend: none = an exit never shuts tend down */
  shutdown_on: 'none',
};

export const UNIX_HTTP_SERVER_DEFAULTS: Defaults = {
  file: null,
  chmod: '0700',
  chown: null,
  username: null,
  password: null,
};

export const INET_HTTP_SERVER_DEFAULTS: Defaults = {
  port: null,
  username: null,
  password: null,
};

/** serverurl null: ctl falls back to CTL_DEFAULT_SERVERURL */
export const SUPERVISORCTL_DEFAULTS: Defaults = {
  serverurl: null,
  username: null,
  password: null,
  prompt: 'supervisor',
  history_file: null,
};

export const CTL_DEFAULT_SERVERURL = 'http://localhost:9001';

export const GROUP_DEFAULTS: Defaults = {
  programs: null,
  priority: '999',
};

export const INCLUDE_DEFAULTS: Defaults = {
  files: null,
};

export const RPCINTERFACE_FACTORY_KEY = 'supervisor.rpcinterface_factory';
export const MAIN_RPCINTERFACE_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

export type SectionKind =
  | 'supervisord'
  | 'unix_http_server'
  | 'inet_http_server'
  | 'supervisorctl'
  | 'include'
  | 'program'
  | 'group'
  | 'eventlistener'
  | 'fcgi-program'
  | 'rpcinterface'
  | 'ctlplugin'
  | 'unknown';

const FIXED: ReadonlySet<string> = new Set(['supervisord', 'unix_http_server', 'inet_http_server', 'supervisorctl', 'include']);
const PREFIXED: ReadonlySet<string> = new Set(['program', 'group', 'eventlistener', 'fcgi-program', 'rpcinterface', 'ctlplugin']);

export function sectionKind(name: string): SectionKind {
  if (FIXED.has(name)) return name as SectionKind;
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  return PREFIXED.has(prefix) ? (prefix as SectionKind) : 'unknown';
}

/** The keys a section kind knows; null = any key is accepted (plugins, unsupported kinds). */
export function knownKeys(kind: SectionKind): ReadonlySet<string> | null {
  switch (kind) {
    case 'supervisord': return new Set(Object.keys(SUPERVISORD_DEFAULTS));
    case 'unix_http_server': return new Set(Object.keys(UNIX_HTTP_SERVER_DEFAULTS));
    case 'inet_http_server': return new Set(Object.keys(INET_HTTP_SERVER_DEFAULTS));
    case 'supervisorctl': return new Set(Object.keys(SUPERVISORCTL_DEFAULTS));
    case 'include': return new Set(Object.keys(INCLUDE_DEFAULTS));
    case 'program': return new Set(Object.keys(PROGRAM_DEFAULTS));
    case 'group': return new Set(Object.keys(GROUP_DEFAULTS));
    case 'eventlistener':
    case 'fcgi-program':
    case 'rpcinterface':
    case 'ctlplugin':
    case 'unknown':
      return null;
    default: {
      const never: never = kind;
      return never;
    }
  }
}
