// ctl's help: the topic list (laid out in columns the way Python's cmd module does) and one
// text per command, in supervisorctl's format.

/** The commands `help` lists: supervisorctl's 21 (tend's own `health` has help but is not listed, so the list stays supervisorctl's). */
export const COMMANDS = [
  'add', 'avail', 'clear', 'exit', 'fg', 'maintail', 'open', 'pid', 'quit', 'reload', 'remove', 'reread', 'restart',
  'shutdown', 'signal', 'start', 'status', 'stop', 'tail', 'update', 'version',
] as const;

export const TOPICS: Readonly<Record<string, readonly string[]>> = {
  help: ['help\t\tPrint a list of available actions', 'help <action>\tPrint help for <action>'],
  add: ['add <name> [...]\tActivates any updates in config for process/group'],
  avail: ['avail\t\t\tDisplay all configured processes', 'avail --json\t\tThe same as JSON (tend)'],
  clear: [
    "clear <name>\t\tClear a process' log files.",
    "clear <name> <name>\tClear multiple process' log files",
    "clear all\t\tClear all process' log files",
  ],
  exit: ['exit\tExit the supervisor shell.'],
  fg: ['fg <process>\tConnect to a process in foreground mode', '\t\tCtrl-C to exit'],
  health: [
    'health\t\t\tExit 0 when supervisord answers and no process is FATAL, BACKOFF, UNKNOWN or',
    '\t\t\tEXITED unexpectedly, else 1 with the reason (tend: for HEALTHCHECK and probes)',
  ],
  maintail: [
    'maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)',
    'maintail -100\tlast 100 *bytes* of supervisord main log file',
    'maintail\tlast 1600 *bytes* of supervisor main log file',
    '',
  ],
  open: ['open <url>\tConnect to a remote supervisord process.', '\t\t(for UNIX domain socket, use unix:///socket/path)'],
  quit: ['quit\tExit the supervisor shell.'],
  remove: ['remove <name> [...]\tRemoves process/group from active config'],
  reread: ["reread \t\t\tReload the daemon's configuration files without add/remove"],
  tail: [
    'tail [-f] <name> [stdout|stderr] (default stdout)',
    'Ex:',
    'tail -f <name>\t\tContinuous tail of named process stdout',
    '\t\t\tCtrl-C to exit.',
    'tail -100 <name>\tlast 100 *bytes* of process stdout',
    'tail <name> stderr\tlast 1600 *bytes* of process stderr',
  ],
  update: [
    'update\t\t\tReload config and add/remove as necessary, and will restart affected programs',
    'update all\t\tReload config and add/remove as necessary, and will restart affected programs',
    'update <gname> [...]\tUpdate specific groups',
  ],
  pid: [
    'pid\t\t\tGet the PID of supervisord.',
    'pid <name>\t\tGet the PID of a single child process by name.',
    'pid all\t\t\tGet the PID of every child process, one per line.',
  ],
  reload: ['reload \t\tRestart the remote supervisord.'],
  restart: [
    'restart <name>\t\tRestart a process',
    'restart <gname>:*\tRestart all processes in a group',
    'restart <name> <name>\tRestart multiple processes or groups',
    'restart all\t\tRestart all processes',
    'Note: restart does not reread config files. For that, see reread and update.',
  ],
  shutdown: ['shutdown \tShut the remote supervisord down.'],
  signal: [
    'signal <signal name> <name>\t\tSignal a process',
    'signal <signal name> <gname>:*\t\tSignal all processes in a group',
    'signal <signal name> <name> <name>\tSignal multiple processes or groups',
    'signal <signal name> all\t\tSignal all processes',
  ],
  start: [
    'start <name>\t\tStart a process',
    'start <gname>:*\t\tStart all processes in a group',
    'start <name> <name>\tStart multiple processes or groups',
    'start all\t\tStart all processes',
  ],
  status: [
    'status <name>\t\tGet status for a single process',
    'status <gname>:*\tGet status for all processes in a group',
    'status <name> <name>\tGet status for multiple named processes',
    'status\t\t\tGet all process status info',
  ],
  stop: [
    'stop <name>\t\tStop a process',
    'stop <gname>:*\t\tStop all processes in a group',
    'stop <name> <name>\tStop multiple processes or groups',
    'stop all\t\tStop all processes',
  ],
  version: ['version\t\t\tShow the version of the remote supervisord process'],
};

/** Lay words out in as few rows as fit the width, column-major, two spaces apart. */
export function columnize(words: readonly string[], width = 79): string[] {
  if (words.length === 0) return ['<empty>'];
  for (let rows = 1; rows <= words.length; rows++) {
    const cols = Math.ceil(words.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      widths.push(Math.max(0, ...words.slice(c * rows, (c + 1) * rows).map((w) => w.length)));
    }
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (cols - 1);
    if (total > width && rows < words.length) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const w = words[r + c * rows];
        if (w !== undefined) cells.push(w.padEnd(widths[c]));
      }
      lines.push(cells.join('  '));
    }
    return lines;
  }
  return [...words];
}

/** The output of `help` with no topic. */
export function topicList(): string[] {
  const header = 'default commands (type help <topic>):';
  return [
    '',
    header,
    '='.repeat(header.length),
    ...columnize([...COMMANDS]),
    '',
  ];
}

export const USAGE = `ctl (tendctl) -- control the processes run by tend, as supervisorctl does.

Usage: %s [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searched for if not given)
-h/--help -- print this message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which tend (or supervisord) listens: unix:///path or
     http://host:port. Without -s: the -c config's [supervisorctl] serverurl, else
     its [unix_http_server] file; then $SUPERVISOR_SERVER_URL; then the same keys of
     a config found in the default places; then /run/tend.sock or /tmp/tend.sock.
-u/--username USERNAME -- username to use for authentication with the server
-p/--password PASSWORD -- password to use for authentication with the server
-r/--history-file -- keep a readline history (if readline is available)

action [arguments] -- see "help". Without an action, ctl starts the interactive shell
(supervisorctl's), which prints the status of every process first.
`;
