// ctl (tendctl) entry: wiring only. argv -> src/ctl/main.ts -> exit status.

import * as fs from 'node:fs';
import { errorStack } from './common/errors';
import { findConfigFile, loadCtlConfig } from './config/load';
import { runCtl } from './ctl/main';

process.stdout.on('error', () => undefined);

/** set once process.stdin is opened (its getter opens it): only the shell and fg need it */
let stdinUsed = false;
const argv0 = process.argv[1] ?? 'ctl';
runCtl({
  argv: process.argv.slice(2),
  argv0,
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  loadConfig: (file) => loadCtlConfig(file),
  findConfig: () => findConfigFile(argv0, process.cwd(), (p) => fs.existsSync(p)).file,
  // a function: touching process.stdin opens it, which only the shell and fg need
  terminal: () => ({ input: ((stdinUsed = true), process.stdin), output: process.stdout, isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true }),
  raw: (bytes) => void process.stdout.write(bytes),
  interrupt: () => {
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const done = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    ac.signal.addEventListener('abort', done, { once: true });
    return { signal: ac.signal, done };
  },
}).then(
  (code) => {
    process.exitCode = code;
    if (stdinUsed) process.stdin.destroy(); // the shell or fg opened it: let ctl exit
  },
  (err: unknown) => {
    process.stderr.write(`error: ${errorStack(err)}\n`);
    process.exitCode = 1;
  },
);
