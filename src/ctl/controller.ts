// Runs one ctl command line the way supervisorctl's onecmd does: split off the command word,
// find the command, and turn any unexpected error into supervisorctl's `error: ...` line.

import { HttpStatusError } from '../protocol/client';
import { errorLine, Exit, type CtlContext } from './context';
import { reload, shutdown, version } from './daemon-commands';
import { add, avail, remove, reread, update } from './config-commands';
import { fg, health } from './fg-health';
import { topicList, TOPICS } from './help';
import { clear, maintail, tail } from './log-commands';
import { restart, signal, start, stop } from './process-commands';
import { pid, status } from './status';

export type Command = (ctx: CtlContext, arg: string) => Promise<void>;

async function help(ctx: CtlContext, arg: string): Promise<void> {
  if (arg === '') {
    for (const line of topicList()) ctx.out(line);
    return;
  }
  const lines = TOPICS[arg];
  if (lines !== undefined) for (const line of lines) ctx.out(line);
  else ctx.out(`*** No help on ${arg}`);
}

/** quit / exit: leave the (absent) shell; supervisorctl prints an empty line. */
async function quit(ctx: CtlContext): Promise<void> {
  ctx.out('');
}

const BASE: Readonly<Record<string, Command>> = {
  add, avail, clear, fg, health, help, maintail, pid, quit, exit: quit, reload, remove, reread, restart, shutdown, signal,
  start, status, stop, tail, update, version,
};

/** every command; `open` needs a way to connect, given by main.ts */
export function commandTable(extra: Readonly<Record<string, Command>> = {}): Readonly<Record<string, Command>> {
  return { ...BASE, ...extra };
}

/** the command names (for completion) */
export const COMMAND_NAMES: readonly string[] = [...Object.keys(BASE), 'open'].sort();

/** Python cmd's parseline: `?x` means `help x`; the command is the leading identifier characters. */
export function parseLine(line: string): { cmd: string; arg: string; line: string } {
  let text = line.trim();
  if (text.startsWith('?')) text = `help ${text.slice(1)}`;
  const m = /^[A-Za-z0-9_]*/.exec(text);
  const cmd = m === null ? '' : m[0];
  return { cmd, arg: text.slice(cmd.length).trim(), line: text };
}

export async function runLine(ctx: CtlContext, input: string, commands: Readonly<Record<string, Command>> = BASE): Promise<void> {
  const { cmd, arg, line } = parseLine(input);
  if (line === '') return;
  const fn = Object.prototype.hasOwnProperty.call(commands, cmd) ? commands[cmd] : undefined;
  if (cmd === '' || fn === undefined) {
    ctx.out(`*** Unknown syntax: ${line}`);
    ctx.exitstatus = Exit.GENERIC;
    return;
  }
  try {
    await fn(ctx, arg);
  } catch (err) {
    // supervisorctl (non-interactive) says so on a 401, then retries once, which fails the same way
    if (err instanceof HttpStatusError && err.status === 401) ctx.out('Server requires authentication');
    ctx.out(errorLine(err));
    ctx.exitstatus = Exit.GENERIC;
  }
}
