// Runs one ctl command line the way supervisorctl's onecmd does: split off the command word,
// find the command, and turn any unexpected error into supervisorctl's `error: ...` line.

import { HttpStatusError } from '../rpc/client';
import { errorLine, Exit, type CtlContext } from './context';
import { reload, shutdown, version } from './daemon-commands';
import { NOT_YET, topicList, TOPICS } from './help';
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
  else if ((NOT_YET as readonly string[]).includes(arg)) ctx.out(`${arg} is not supported by tend yet`);
  else ctx.out(`*** No help on ${arg}`);
}

/** quit / exit: leave the (absent) shell; supervisorctl prints an empty line. */
async function quit(ctx: CtlContext): Promise<void> {
  ctx.out('');
}

const COMMANDS: Readonly<Record<string, Command>> = {
  help, pid, quit, exit: quit, reload, restart, shutdown, signal, start, status, stop, version,
};

/** Python cmd's parseline: `?x` means `help x`; the command is the leading identifier characters. */
export function parseLine(line: string): { cmd: string; arg: string; line: string } {
  let text = line.trim();
  if (text.startsWith('?')) text = `help ${text.slice(1)}`;
  const m = /^[A-Za-z0-9_]*/.exec(text);
  const cmd = m === null ? '' : m[0];
  return { cmd, arg: text.slice(cmd.length).trim(), line: text };
}

export async function runLine(ctx: CtlContext, input: string): Promise<void> {
  const { cmd, arg, line } = parseLine(input);
  if (line === '') return;
  if ((NOT_YET as readonly string[]).includes(cmd)) {
    ctx.out(`Error: ${cmd} is not supported by tend yet`);
    ctx.exitstatus = Exit.GENERIC;
    return;
  }
  const fn = Object.prototype.hasOwnProperty.call(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
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
