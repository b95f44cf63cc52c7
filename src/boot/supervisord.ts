// Supervisor mode: tend's life as a loop of config generations. Each generation reads the
// config, opens the main log, the control servers and the child logs, runs a Supervisor until
// it has stopped everything, and closes them again; SIGHUP (or `ctl reload`) starts the next
// generation in the same process, anything else ends the loop and gives tend's exit code.

import * as fs from 'node:fs';
import { errorText } from '../common/errors';
import { envSnapshot, loadConfig } from '../config/load';
import type { Config } from '../config/types';
import { MainLogWriter } from '../logging/mainlog';
import { ChildLogs } from '../logging/child-logs';
import { stderr, stdout } from '../logging/stdout';
import { startServers, type RunningServers } from '../server/http/server';
import { serverUrlFor } from '../server/http/server-url';
import { loadAddon } from '../runtime/addon';
import { livingDescendants } from '../runtime/descendants';
import { ExitRouter } from '../runtime/exits';
import { OrphanSweep } from '../runtime/orphans';
import { dropPrivileges } from '../runtime/privileges';
import { createReaper } from '../runtime/reaper';
import { liveNodeChildren } from '../runtime/spawn/hook';
import { createSpawner } from '../runtime/spawn/spawner';
import { Supervisor } from '../runtime/supervisor/supervisor';

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
  const env = envSnapshot(process.env);
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
  const reaper = createReaper();
  const exits = new ExitRouter(reaper);
  const addon = loadAddon();
  // tend's stdout and stderr are usually the container's log pipes: 1 MiB instead of 64 KiB
  // lets each batch of console lines go in one write (no-op when they are not pipes)
  for (const fd of [1, 2]) addon.growPipe(fd, 1 << 20);
  const spawner = createSpawner(addon);
  let current: Supervisor | null = null;
  let exiting = false;
  /** tend's exit code, once a generation has ended */
  let code: number | null = null;
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
    if (!reaper.adoptsOrphans && code === null) {
      log.log('WARN', 'tend is neither PID 1 nor a child subreaper: orphaned processes are not re-parented to tend and will not be reaped by it');
    }
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
      reaper: exits.forGeneration(),
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
    code = sup.exitCode();
    await Promise.all([servers.close(), sweepAdopted(config, log, exits, sup.shutdownDeadline())]);
    removeFile(config.supervisord.pidfile);
    // nothing that could hold a pipe is left: this waits only for the last reads (the bound is
    // reached only if a process survived SIGKILL)
    await logs.drain(Math.max(config.supervisord.adopted_stopwaitsecs * 1000, 1000));
    logs.close();
    log.close();
    if (!restarting || exiting) break;
    const next = load(opts, env);
    if (!next) return 2;
    config = next;
  }
  await stdout.flush();
  await stderr.flush();
  return code ?? 0;
}

/** Once every program has stopped: SIGTERM (then SIGKILL) what tend adopted, until none is left. */
async function sweepAdopted(config: Config, log: MainLogWriter, exits: ExitRouter, deadlineAt: number | null): Promise<void> {
  const sweep = new OrphanSweep({
    log,
    kill: (pid, signal) => process.kill(pid, signal),
    list: () => livingDescendants(process.pid, new Set(liveNodeChildren())),
    now: () => Date.now(),
  }, config.supervisord.adopted_stopwaitsecs * 1000, deadlineAt);
  const reaped = exits.forGeneration();
  reaped.start((status) => sweep.onExit(status));
  sweep.start();
  await sweep.done;
  reaped.stop();
}
