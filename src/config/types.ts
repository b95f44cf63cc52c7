// The typed, readonly result of reading a supervisord configuration. Field names are
// supervisord's own option keys (spec §2). Produced once by src/config/load.ts; every other
// module reads these objects and never the INI text.

import type { PrefixTemplate } from './prefix';
import type { SignalName } from '../common/signals';

/** Where a value came from, for messages: file path and 1-based line number. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

export type LogLevelName = 'critical' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'blather';

/** A message the config reader wants in the main log once it is open (include notes, warnings). */
export interface ConfigMessage {
  readonly level: 'CRIT' | 'WARN' | 'INFO';
  readonly text: string;
}

/** autorestart: false -> never, unexpected, true -> always. */
export type AutoRestart = 'false' | 'unexpected' | 'true';

/** tend's shutdown_on: which end of the program shuts tend down with the program's exit code. */
export type ShutdownOn = 'none' | 'exit' | 'unexpected' | 'fatal';
/** backoff: how the wait between failed starts grows: linear 1, 2, 3 … s (supervisord), exponential 1, 2, 4 … s. */
export type BackoffShape = 'linear' | 'exponential';

/** restart_backoff: the wait before each automatic restart after RUNNING; none: at once (supervisord). */
export type RestartBackoff = 'none' | BackoffShape;

/** A resolved user= value. */
export interface UserSpec {
  /** as written in the config (name or uid) */
  readonly spec: string;
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** supplementary group ids (from /etc/group), including gid */
  readonly groups: readonly number[];
  readonly home: string;
}

/** stdout_logfile / stderr_logfile: AUTO, NONE, a path, or syslog (deprecated); unset is
 * tend's console (prefixed lines on tend's stdout/stderr); /dev/stdout and its aliases are
 * tend's own stdout or stderr, raw. */
export type LogFileSetting =
  | { readonly kind: 'console' }
  | { readonly kind: 'raw'; readonly fd: 1 | 2; readonly path: string }
  | { readonly kind: 'auto' }
  | { readonly kind: 'none' }
  | { readonly kind: 'syslog' }
  | { readonly kind: 'path'; readonly path: string };

/** The six per-stream keys of a program: stdout_* or stderr_*. */
/** A channel of a process's output: the one spelling of 'stdout' | 'stderr' in tend. */
export type OutputChannel = 'stdout' | 'stderr';

export interface StreamLogConfig {
  readonly logfile: LogFileSetting;
  readonly logfile_maxbytes: number;
  readonly logfile_backups: number;
  readonly capture_maxbytes: number;
  readonly events_enabled: boolean;
  readonly syslog: boolean;
}

/** One process of a program (numprocs expands a program into several). */
export interface ProcessConfig {
  /** process name after process_name expansion, e.g. web_00 */
  readonly name: string;
  /** [program:x] name */
  readonly program_name: string;
  /** name of the group this process belongs to */
  readonly group: string;
  readonly process_num: number;
  readonly numprocs: number;
  /** the raw command after %(name)s expansion; split with POSIX shlex at spawn time */
  readonly command: string;
  readonly priority: number;
  readonly autostart: boolean;
  readonly startsecs: number;
  /** Infinity for `infinite`: a program that keeps failing to start is never given up on */
  readonly startretries: number;
  readonly backoff: BackoffShape;
  /** the longest wait in seconds; Infinity: no cap (only when every wait is supervisord's own) */
  readonly backoff_max: number;
  readonly restart_backoff: RestartBackoff;
  readonly autorestart: AutoRestart;
  readonly exitcodes: readonly number[];
  readonly stopsignal: SignalName;
  readonly stopwaitsecs: number;
  readonly stopasgroup: boolean;
  readonly killasgroup: boolean;
  readonly user: UserSpec | null;
  readonly redirect_stderr: boolean;
  readonly stdout: StreamLogConfig;
  readonly stderr: StreamLogConfig;
  /** console_prefix of the program, else of [supervisord]; null: no prefix */
  readonly console_prefix: PrefixTemplate;
  /** the program's own environment= (keys keep their case) */
  readonly environment: Readonly<Record<string, string>>;
  /** not validated at parse time (spec §2.8): chdir happens at spawn */
  readonly directory: string | null;
  readonly umask: number | null;
  /** 'AUTO' or an explicit URL for SUPERVISOR_SERVER_URL */
  readonly serverurl: string;
  /** tend's exit policy (README "Exit policy") */
  readonly shutdown_on: ShutdownOn;
  /** where the [program:x] section starts */
  readonly where: SourceRef;
}

/** A process group: a [group:g] or the implicit group of one [program:x]. */
export interface GroupConfig {
  readonly name: string;
  readonly priority: number;
  /** in start order: a [group:] keeps programs= order; an implicit group is sorted by (priority, name) */
  readonly processes: readonly ProcessConfig[];
  readonly where: SourceRef;
}

export interface SupervisordConfig {
  /** absolute path, or 'syslog'; null never: the default is <cwd>/supervisord.log */
  readonly logfile: string;
  readonly logfile_maxbytes: number;
  readonly logfile_backups: number;
  readonly loglevel: LogLevelName;
  readonly pidfile: string;
  readonly umask: number;
  readonly nodaemon: boolean;
  readonly silent: boolean;
  readonly minfds: number;
  readonly minprocs: number;
  readonly nocleanup: boolean;
  readonly childlogdir: string;
  readonly user: UserSpec | null;
  readonly directory: string | null;
  readonly strip_ansi: boolean;
  /** tend's console_prefix, the default for every program */
  readonly console_prefix: PrefixTemplate;
  readonly environment: Readonly<Record<string, string>>;
  readonly identifier: string;
  /** tend: seconds the whole shutdown (or reload) may take; 0: no bound (each stopwaitsecs) */
  readonly shutdown_timeout: number;
  /** tend: seconds adopted processes get between SIGTERM and SIGKILL at shutdown */
  readonly adopted_stopwaitsecs: number;
}

export interface ChownSpec {
  readonly uid: number;
  /** -1 keeps the group */
  readonly gid: number;
}

export interface UnixHttpServerConfig {
  /** absolute socket path */
  readonly file: string;
  readonly chmod: number;
  readonly chown: ChownSpec | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly where: SourceRef;
}

export interface InetHttpServerConfig {
  /** '' means all interfaces */
  readonly host: string;
  readonly port: number;
  readonly username: string | null;
  /** plain text, or '{SHA}<40 hex>' */
  readonly password: string | null;
  readonly where: SourceRef;
}

export interface SupervisorctlConfig {
  /** null when the section does not set it (the default http://localhost:9001 is applied by ctl) */
  readonly serverurl: string | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly prompt: string;
  readonly history_file: string | null;
}

/** What the ctl reads from a config file: [supervisorctl] plus the [unix_http_server] socket. */
export interface CtlFileConfig extends SupervisorctlConfig {
  /** absolute [unix_http_server] file, or null when the section or key is absent */
  readonly unixSocketFile: string | null;
}

export interface Config {
  /** absolute path of the main config file */
  readonly file: string;
  readonly supervisord: SupervisordConfig;
  readonly unix_http_server: UnixHttpServerConfig | null;
  readonly inet_http_server: InetHttpServerConfig | null;
  readonly supervisorctl: SupervisorctlConfig | null;
  /** sorted by (priority, name) ascending: the start order of groups */
  readonly groups: readonly GroupConfig[];
  /** for the main log once it is open, in order: include notes, unknown-key warnings, program warnings */
  readonly messages: readonly ConfigMessage[];
}

/** Every problem found, each already formatted as `file:line: message`. */
export type LoadResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly errors: readonly string[] };
