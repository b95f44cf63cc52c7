// The one config the conformance suite runs, in the versions that reread/update walk through.
// Every path is %(here)s-relative, so the same text works in every daemon's dir.
//
// Every program sets stdout_logfile and stderr_logfile explicitly: tend's default for an unset
// stdout_logfile is its console, supervisord's is AUTO. Long runners ignore HUP and USR1 so that
// `signal` leaves the states alone.

export type Version = 'v1' | 'v2' | 'v3' | 'bad';

const SLEEPER = `/bin/sh -c "trap '' HUP USR1; exec /bin/sleep 100000"`;

function program(name: string, lines: readonly string[]): string {
  return `[program:${name}]\n${lines.join('\n')}\n`;
}

const auto = ['stdout_logfile=AUTO', 'stderr_logfile=AUTO'];

export function configText(version: Version): string {
  const v1 = version === 'v1';
  const parts: string[] = [
    `[unix_http_server]
file=%(here)s/sv.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://%(here)s/sv.sock

[supervisord]
nodaemon=true
logfile=%(here)s/supervisord.log
pidfile=%(here)s/supervisord.pid
childlogdir=%(here)s/childlogs
`,
    // RUNNING
    program('long', [`command=${SLEEPER}`, ...auto]),
    // EXITED (v2 changes its command: `changed`)
    program('quick', [
      v1 ? `command=/bin/sh -c "echo quick-out; echo quick-err >&2; exit 0"` : `command=/bin/sh -c "echo quick-out-2; exit 0"`,
      'startsecs=0',
      'autorestart=false',
      ...auto,
    ]),
    // FATAL, Exited too quickly (v2 drops it: `disappeared`). The sleep makes `start all`
    // deterministic: without it supervisord sometimes reaps the exit at once and reports the
    // spawn error before the other immediate results, sometimes after them.
    v1 ? program('failing', ['command=/bin/sh -c "sleep 0.2; echo failing-out; exit 3"', 'startretries=0', ...auto]) : '',
    // FATAL, can't find command
    program('notfound', ['command=/no/such/binary', 'startretries=0', ...auto]),
    // STOPPED, Not started
    program('manual', [`command=${SLEEPER}`, 'autostart=false', ...auto]),
    // a group of two (v3 changes gb: the group is `changed`)
    program('ga', [`command=${SLEEPER}`, ...auto]),
    program('gb', [version === 'v3' || version === 'bad' ? `command=/bin/sh -c "trap '' HUP USR1; exec /bin/sleep 100001"` : `command=${SLEEPER}`, ...auto]),
    '[group:grp]\nprograms=ga,gb\n',
    // numprocs
    program('multi', [`command=${SLEEPER}`, 'numprocs=2', 'process_name=%(program_name)s_%(process_num)02d', ...auto]),
    // log files at known paths with known content
    program('logged', [
      `command=/bin/sh -c "trap '' HUP USR1; echo out-one; echo out-two; echo err-one >&2; exec /bin/sleep 100000"`,
      'stdout_logfile=%(here)s/logged.out.log',
      'stderr_logfile=%(here)s/logged.err.log',
    ]),
    // no log files at all
    program('nolog', [`command=${SLEEPER}`, 'stdout_logfile=NONE', 'stderr_logfile=NONE']),
    // stderr into the stdout log
    program('redir', [
      `command=/bin/sh -c "trap '' HUP USR1; echo redir-out; echo redir-err >&2; exec /bin/sleep 100000"`,
      'redirect_stderr=true',
      'stdout_logfile=AUTO',
      'stderr_logfile=NONE',
    ]),
  ];
  if (!v1) {
    // `available` in v2, then added by update
    parts.push(program('newprog', [`command=${SLEEPER}`, ...auto]));
    // start waits startsecs=10: a stop meanwhile makes the start fail with abnormal termination
    parts.push(program('slow', [`command=${SLEEPER}`, 'autostart=false', 'startsecs=10', ...auto]));
    // STARTING 0.3 s, then BACKOFF 1 s, 2 s, 3 s, ...
    parts.push(program('backoff', ['command=/bin/sh -c "sleep 0.3; exit 3"', 'autostart=false', 'startretries=100', ...auto]));
  }
  if (version === 'bad') parts.push(program('bad', ['command=/bin/true', 'autostart=maybe', ...auto]));
  return parts.filter((p) => p !== '').join('\n');
}
