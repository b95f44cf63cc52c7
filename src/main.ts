// tend's init entry (dist/init.js): command line -> single-program mode or supervisor mode.
// Wiring only.

import './boot/usr1'; // first: no inspector on SIGUSR1 (see there)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSupervisord } from './boot/supervisord';
import { errorStack } from './common/errors';
import { parseCommandLine, HELP_TEXT, VERSION_TEXT } from './config/cli';
import { findConfigFile, noConfigFileMessage } from './config/load';
import { stderr, stdout } from './logging/stdout';
import { runSingle } from './runtime/single/single';

function fail(message: string, argv0: string): number {
  stderr.write(`Error: ${message}\nFor help, use ${argv0} -h\n`);
  return 2;
}

async function main(): Promise<number> {
  const script = process.argv[1] ?? 'init.js';
  const argv0 = path.basename(script);
  const cli = parseCommandLine(process.argv.slice(2));
  switch (cli.kind) {
    case 'help':
      stdout.write(HELP_TEXT);
      return 0;
    case 'version':
      stdout.write(`${VERSION_TEXT}\n`);
      return 0;
    case 'error':
      return fail(cli.message, argv0);
    case 'run':
      break;
    default: {
      const never: never = cli;
      return never;
    }
  }
  if (cli.single) return runSingle(cli.single);
  let file = cli.configFile;
  if (file === null) {
    const found = findConfigFile(script, process.cwd(), (p) => fs.existsSync(p));
    if (found.file === null) {
      return fail(noConfigFileMessage(found.searched), argv0);
    }
    file = found.file;
  }
  return runSupervisord({ configFile: file, overrides: cli.overrides, argv0, check: cli.check });
}

// PID 1 must not die of a bug in a handler: report it and keep supervising.
process.on('uncaughtException', (err) => {
  stderr.write(`CRIT uncaught exception: ${err.stack ?? String(err)}\n`);
});

main().then(
  async (code) => {
    await stdout.flush();
    await stderr.flush();
    process.exit(code);
  },
  (err: unknown) => {
    stderr.write(`Error: ${errorStack(err)}\n`);
    process.exit(1);
  },
);
