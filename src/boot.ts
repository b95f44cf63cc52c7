// Supervisor mode, wiring only: config -> main log -> control servers -> supervisor, then
// wait for shutdown (exit) or restart (read the config again, same pid, start again).

import * as fs from 'node:fs';
import { errorText } from './common/errors';
import { loadConfig } from './config/load';
import type { Config } from './config/types';
import { MainLogWriter } from './logging/mainlog';
import { ChildLogs } from './logging/child-logs';
import { stderr, stdout } from './logging/stdout';
import { startServers, type RunningServers } from './server/http/server';
import { serverUrlFor } from './server/http/server-url';
import { loadAddon } from './runtime/addon';
import { dropPrivileges } from './runtime/privileges';
import { createReaper } from './runtime/reaper';
import { createSpawner } from './runtime/spawn/spawner';
import { Supervisor } from './runtime/supervisor/supervisor';
import type { ExitStatus, Reaper } from './runtime/types';

export interface BootOptions {
  readonly configFile: string;
  readonly overrides: Readonly<Record<string, string>>;
  /** how to name ourselves in `For help, use <argv0> -h` */
  readonly argv0: string;
  /** -t/--check: report every problem (and warning), start nothing */
  readonly check: boolean;
}

const HANDLED = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR2'] as const;

function load(opts: BootOptions, env: Readonly<Record<string, string>>): Config | null {
  const r = loadConfig(opts.configFile, { env, overrides: opts.overrides });
  if (r.ok) return r.config;
  for (const e of r.errors) stderr.write(`Error: ${e}\n`);
  stderr.write(`For help, use ${opts.argv0} -h\n`);
  return null;
}

/** One reaper for tend's whole life; each supervisor generation gets the exits in turn. */
function routingReaper(real: Reaper): { reaper: Reaper; route: (to: ((s: ExitStatus) => void) | null) => void } {
  let current: ((s: ExitStatus) => void) | null = null;
  const pending: ExitStatus[] = [];
  // an exit is handled after the loop's I/O phase: output the child wrote just before it exited,
  // and that is ready in the same turn, is read (and logged) before 'exited:'/'stopped:' is
  const deliver = (s: ExitStatus): void => {
    if (current) current(s);
    else pending.push(s);
  };
  real.start((s) => setImmediate(deliver, s));
  return {
    route: (to) => { current = to; },
    reaper: {
      start(onExit) {
        current = onExit;
        for (const s of pending.splice(0)) onExit(s);
      },
      reapNow: () => real.reapNow(),
      stop() { current = null; },
    },
  };
}

function writePidfile(path: string, log: MainLogWriter): void {
  try {
    fs.writeFileSync(path, `${process.pid}\n`);
  } catch {
    log.log('CRIT', `could not write pidfile ${path}`);
  }
}

function removeFile(path: string): void {
  try { fs.unlinkSync(path); } catch { /* already gone */ }
}

/** Run until shutdown; resolves with tend's exit code. */
export async function runSupervisord(opts: BootOptions): Promise<number> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  let config = load(opts, env);
  if (!config) return 2;
  if (opts.check) {
    for (const m of config.messages) if (m.level !== 'INFO') stdout.write(`${m.level} ${m.text}\n`);
    stdout.write(`${config.file}: OK\n`);
    return 0;
  }
  const dropped = dropPrivileges(config.supervisord.user);
  if (!dropped.ok) {
    stderr.write(`Error: ${dropped.error}\nFor help, use ${opts.argv0} -h\n`);
    return 2;
  }
  const { reaper, route } = routingReaper(createReaper());
  const addon = loadAddon();
  // tend's stdout and stderr are usually the container's log pipes: 1 MiB instead of 64 KiB
  // lets each batch of console lines go in one write (no-op when they are not pipes)
  for (const fd of [1, 2]) addon.growPipe(fd, 1 << 20);
  const spawner = createSpawner(addon);
  let current: Supervisor | null = null;
  let exiting = false;
  for (const sig of HANDLED) {
    process.on(sig, () => {
      if (current) current.handleSignal(sig);
      else if (sig !== 'SIGHUP' && sig !== 'SIGUSR2') exiting = true;
    });
  }

  for (;;) {
    const log = new MainLogWriter(config.supervisord, stdout, undefined, stderr);
    try {
      log.open();
    } catch (err) {
      stderr.write(`Error: could not open logfile ${config.supervisord.logfile}: ${errorText(err)}\n`);
      return 2;
    }
    if (dropped.message !== null) log.log('INFO', dropped.message);
    for (const m of config.messages) log.log(m.level, m.text);
    let servers: RunningServers;
    try {
      servers = await startServers(config, log);
    } catch (err) {
      stderr.write(`Error: ${errorText(err)}\n`);
      log.close();
      return 2;
    }
    writePidfile(config.supervisord.pidfile, log);
    log.log('INFO', `supervisord started with pid ${process.pid}`);
    const baseEnv = { ...env, ...config.supervisord.environment };
    const logs = new ChildLogs(config, { log, stdout, stderr, prefixLines: addon.prefixLines });
    const sup: Supervisor = new Supervisor({
      config,
      spawner,
      reaper,
      log,
      output: logs,
      reread: () => loadConfig(opts.configFile, { env, overrides: opts.overrides }),
      spawnContext: { baseEnv, serverUrl: serverUrlFor(config, servers) },
      reopenLogs: () => {
        log.reopen();
        logs.reopen();
      },
    });
    current = sup;
    servers.attach({ supervisor: sup, processLogs: logs, mainLog: log });
    sup.run();
    if (exiting) sup.handleSignal('SIGTERM');
    await sup.done;
    const restarting = sup.state() === 'RESTARTING';
    current = null;
    route(null);
    await servers.close();
    removeFile(config.supervisord.pidfile);
    await logs.drain(1000);
    logs.close();
    log.close();
    if (!restarting || exiting) break;
    const next = load(opts, env);
    if (!next) return 2;
    config = next;
  }
  await stdout.flush();
  await stderr.flush();
  return 0;
}
