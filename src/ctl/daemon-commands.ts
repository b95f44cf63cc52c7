// `shutdown`, `reload` and `version` (spec §7.2): commands about the supervisor itself.

import { Faults, Methods, RpcFault } from '../protocol/protocol';
import { errnoCode } from '../common/errors';
import { Exit, type CtlContext } from './context';
import { TOPICS } from './help';

function noArguments(ctx: CtlContext, cmd: string, arg: string): boolean {
  if (arg === '') return true;
  ctx.out(`Error: ${cmd} accepts no arguments`);
  ctx.exitstatus = Exit.GENERIC;
  for (const line of TOPICS[cmd] ?? []) ctx.out(line);
  return false;
}

/** in the shell, supervisorctl asks first; anything but y... is no */
async function confirmed(ctx: CtlContext, question: string): Promise<boolean> {
  if (!ctx.interactive || ctx.ask === null) return true;
  return (await ctx.ask(question)).toLowerCase().startsWith('y');
}

export async function shutdown(ctx: CtlContext, arg: string): Promise<void> {
  if (!noArguments(ctx, 'shutdown', arg)) return;
  if (!(await confirmed(ctx, 'Really shut the remote supervisord process down y/N? '))) return;
  try {
    await ctx.call(Methods.shutdown);
  } catch (err) {
    if (err instanceof RpcFault) {
      if (err.code === Faults.SHUTDOWN_STATE) return ctx.out('ERROR: already shutting down');
      ctx.exitstatus = Exit.GENERIC;
      throw err;
    }
    const code = errnoCode(err);
    ctx.exitstatus = Exit.GENERIC;
    if (code === 'ECONNREFUSED') return ctx.out(`ERROR: ${ctx.url} refused connection (already shut down?)`);
    if (code === 'ENOENT') return ctx.out(`ERROR: ${ctx.url} no such file (already shut down?)`);
    throw err;
  }
  ctx.out('Shut down');
}

export async function reload(ctx: CtlContext, arg: string): Promise<void> {
  if (!noArguments(ctx, 'reload', arg)) return;
  if (!(await confirmed(ctx, 'Really restart the remote supervisord process y/N? '))) return;
  try {
    await ctx.call(Methods.restart);
  } catch (err) {
    if (err instanceof RpcFault) {
      ctx.exitstatus = Exit.GENERIC;
      if (err.code === Faults.SHUTDOWN_STATE) return ctx.out('ERROR: already shutting down');
    }
    throw err;
  }
  ctx.out('Restarted supervisord');
}

export async function version(ctx: CtlContext, arg: string): Promise<void> {
  if (!noArguments(ctx, 'version', arg)) return;
  if (!(await ctx.upcheck())) return;
  ctx.out(String(await ctx.call(Methods.getSupervisorVersion)));
}
