// ctl from argv to exit status, with its world passed in (so tests can run it in-process).

import * as path from 'node:path';
import { parseServerUrl, RpcClient } from '../rpc/client';
import type { XmlRpcValue } from '../rpc/xmlrpc';
import { CtlContext, UnknownProtocolError, type Caller } from './context';
import { runLine } from './controller';
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
}

function callerFor(url: string, username: string | null, password: string | null): Caller {
  if (parseServerUrl(url) === null) {
    return { call: (): Promise<XmlRpcValue> => Promise.reject(new UnknownProtocolError(url)) };
  }
  return new RpcClient({ url, username, password });
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
  const ctx = new CtlContext(target.url, callerFor(target.url, target.username, target.password), (line) => io.stdout(`${line}\n`));
  // without an action: the status table, then exit (no interactive shell yet)
  await runLine(ctx, options.args.length > 0 ? options.args.join(' ') : 'status');
  return ctx.exitstatus;
}
