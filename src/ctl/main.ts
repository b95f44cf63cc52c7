// ctl from argv to exit status, with its world passed in (so tests can run it in-process).

import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseServerUrl, RpcClient } from '../protocol/client';
import { makeNamespec, Methods, readProcessInfos } from '../protocol/protocol';
import type { XmlRpcValue } from '../protocol/xmlrpc';
import { CtlContext, UnknownProtocolError, type Caller, type Interrupt } from './context';
import { makeOpen } from './config-commands';
import { commandTable, COMMAND_NAMES, runLine } from './controller';
import { lineQueue, runShell } from './shell';
import { USAGE } from './help';
import { parseCtlArgs } from './options';
import { resolveTarget, UsageError, type LoadCtlConfig } from './target';

export interface CtlIo {
  readonly argv: readonly string[];
  /** the program path, for the config search and `For help, use <argv0> -h` */
  readonly argv0: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly loadConfig: LoadCtlConfig;
  /** the first config file in the default places (spec §1.3), or null */
  readonly findConfig: () => string | null;
  /** the shell's input and output (default: no shell; ctl then runs `status` and exits) */
  readonly terminal?: () => {
    readonly input: NodeJS.ReadableStream;
    readonly output: NodeJS.WritableStream;
    readonly isTTY: boolean;
  };
  /** bytes as they are (tail -f) */
  readonly raw?: (bytes: Uint8Array) => void;
  /** fires on Ctrl-C (or SIGTERM) while a command streams */
  readonly interrupt?: () => Interrupt;
}

/** lines typed on input, one at a time (fg outside the shell) */
function lineReader(input: NodeJS.ReadableStream): () => Promise<string | null> {
  const queue = lineQueue(readline.createInterface({ input, terminal: false }));
  return () => queue.next();
}

function callerFor(url: string, username: string | null, password: string | null): Caller {
  if (parseServerUrl(url) === null) {
    return { call: (): Promise<XmlRpcValue> => Promise.reject(new UnknownProtocolError(url)) };
  }
  return new RpcClient({ url, username, password });
}

/** process and group names for completion: `g:p` (or `p`) and `g:*` */
async function shellNames(ctx: CtlContext): Promise<string[]> {
  const infos = readProcessInfos(await ctx.call(Methods.getAllProcessInfo));
  const names = new Set<string>();
  for (const i of infos) {
    names.add(makeNamespec(i.group, i.name));
    names.add(`${i.group}:*`);
  }
  return [...names].sort();
}

export async function runCtl(io: CtlIo): Promise<number> {
  const usageError = (msg: string): number => {
    io.stderr(`Error: ${msg}\nFor help, use ${io.argv0} -h\n`);
    return 2;
  };
  const parsed = parseCtlArgs(io.argv);
  if (!parsed.ok) return usageError(parsed.error);
  const options = parsed.options;
  if (options.help) {
    io.stdout(USAGE.replace('%s', path.basename(io.argv0)));
    return 0;
  }
  let target;
  try {
    target = resolveTarget({ options, env: io.env, load: io.loadConfig, search: io.findConfig });
  } catch (err) {
    if (err instanceof UsageError) return usageError(err.message);
    throw err;
  }
  const connect = (url: string): Caller => callerFor(url, target.username, target.password);
  /** the streaming command now running (tail -f, fg), which the shell's Ctrl-C stops */
  let running: AbortController | null = null;
  // made on first use only: a reader on stdin consumes it (the shell has its own)
  let stdinLine: (() => Promise<string | null>) | undefined;
  const readStdin = (): Promise<string | null> => {
    if (io.terminal === undefined) return Promise.resolve(null);
    stdinLine ??= lineReader(io.terminal().input);
    return stdinLine();
  };
  const ctx: CtlContext = new CtlContext(target.url, connect(target.url), (line) => io.stdout(`${line}\n`), {
    raw: io.raw,
    interrupt: () => {
      // the shell's Ctrl-C (readline in raw mode sees it as a key) reaches the running command too
      const outer = io.interrupt?.();
      const ac = new AbortController();
      outer?.signal.addEventListener('abort', () => ac.abort(), { once: true });
      running = ac;
      return { signal: ac.signal, done: () => { outer?.done(); if (running === ac) running = null; } };
    },
    err: (line) => io.stderr(`${line}\n`),
    readLine: () => (ctx.ask !== null ? ctx.ask('') : readStdin()),
  });
  const commands = commandTable({ open: makeOpen(connect) });
  if (options.args.length > 0 || io.terminal === undefined) {
    await runLine(ctx, options.args.length > 0 ? options.args.join(' ') : 'status', commands);
    return ctx.exitstatus;
  }
  // no action: supervisorctl's shell, `status` first; interactive mode always exits 0
  ctx.interactive = true;
  await runLine(ctx, 'status', commands);
  const term = io.terminal();
  await runShell({ input: term.input, output: term.output, terminal: term.isTTY, prompt: target.prompt, historyFile: target.historyFile }, {
    run: (line) => runLine(ctx, line, commands),
    commands: COMMAND_NAMES,
    names: () => shellNames(ctx),
    setAsk: (ask) => { ctx.ask = ask; },
    interrupt: () => {
      if (running === null || running.signal.aborted) return false;
      running.abort();
      return true;
    },
  });
  return 0;
}
