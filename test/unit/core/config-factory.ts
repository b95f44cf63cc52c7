// Plain-object configs for unit tests: proc('web', { startsecs: 0 }), group(...), config(...).

import type { Config, GroupConfig, ProcessConfig, StreamLogConfig, SupervisordConfig } from '../../../src/config/types';

const WHERE = { file: '/test/supervisord.conf', line: 1 };

const STREAM: StreamLogConfig = {
  logfile: { kind: 'none' },
  logfile_maxbytes: 0,
  logfile_backups: 0,
  capture_maxbytes: 0,
  events_enabled: false,
  syslog: false,
};

export function proc(name: string, over: Partial<ProcessConfig> = {}): ProcessConfig {
  return {
    name,
    program_name: name,
    group: name,
    process_num: 0,
    numprocs: 1,
    command: `/bin/${name}`,
    priority: 999,
    autostart: true,
    startsecs: 1,
    startretries: 3,
    backoff: 'linear',
    backoff_max: Number.POSITIVE_INFINITY,
    restart_backoff: 'none',
    autorestart: 'unexpected',
    exitcodes: [0],
    stopsignal: 'TERM',
    stopwaitsecs: 10,
    stopasgroup: false,
    killasgroup: false,
    user: null,
    redirect_stderr: false,
    stdout: STREAM,
    stderr: STREAM,
    environment: {},
    directory: null,
    umask: null,
    serverurl: 'AUTO',
    shutdown_on: 'none',
    console_prefix: null,
    where: WHERE,
    ...over,
  };
}

/** A group; its processes get group=name. */
export function group(name: string, priority: number, processes: readonly ProcessConfig[]): GroupConfig {
  return { name, priority, processes: processes.map((p) => ({ ...p, group: name })), where: WHERE };
}

/** The implicit group of one program (group name = program name, priority = its priority). */
export function single(p: ProcessConfig): GroupConfig {
  return group(p.group, p.priority, [p]);
}

export function config(groups: readonly GroupConfig[], sd: Partial<SupervisordConfig> = {}): Config {
  return {
    file: WHERE.file,
    supervisord: {
      logfile: '/dev/null',
      logfile_maxbytes: 0,
      logfile_backups: 0,
      loglevel: 'info',
      pidfile: '/tmp/supervisord.pid',
      umask: 0o22,
      nodaemon: true,
      silent: false,
      minfds: 1024,
      minprocs: 200,
      nocleanup: false,
      childlogdir: '/tmp',
      user: null,
      directory: null,
      strip_ansi: false,
      console_prefix: null,
      environment: {},
      identifier: 'supervisor',
      shutdown_timeout: 0,
      adopted_stopwaitsecs: 3,
      ...sd,
    },
    unix_http_server: null,
    inet_http_server: null,
    supervisorctl: null,
    groups,
    messages: [],
  };
}
