// Which server ctl talks to, and as whom. Lookup order: -s URL; the -c config's
// [supervisorctl] serverurl, then its [unix_http_server] file; $SUPERVISOR_SERVER_URL; the
// same two keys of a config found in the default places (spec §1.3); tend's default socket.
// Credentials: -u/-p, else the config's [supervisorctl] username/password.

import * as fs from 'node:fs';
import type { CtlFileConfig } from '../config/types';
import { findDefaultSocket } from '../protocol/protocol';
import type { CtlOptions } from './options';

/** Reads a config for ctl: the config, or every problem found (src/config/load.ts loadCtlConfig). */
export type LoadCtlConfig = (
  file: string,
) => { readonly ok: true; readonly config: CtlFileConfig } | { readonly ok: false; readonly errors: readonly string[] };

export interface CtlTarget {
  readonly url: string;
  readonly username: string | null;
  readonly password: string | null;
  /** the shell's prompt ([supervisorctl] prompt) */
  readonly prompt: string;
  /** -r, else [supervisorctl] history_file */
  readonly historyFile: string | null;
}

/** A problem with the command line or the config: printed as `Error: <message>`, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function urlOf(cfg: CtlFileConfig | null): string | null {
  if (cfg === null) return null;
  if (cfg.serverurl !== null) return cfg.serverurl;
  return cfg.unixSocketFile === null ? null : `unix://${cfg.unixSocketFile}`;
}

/**
 * A socket named by a config that ctl merely found (say the distribution's
 * /etc/supervisor/supervisord.conf) is used only when it exists; otherwise tend's default
 * socket is the better guess, so `docker exec CTR ctl status` works with any config.
 */
function reachableUnixUrl(url: string | null): string | null {
  if (url === null || !url.startsWith('unix://')) return url;
  try {
    return fs.statSync(url.slice('unix://'.length)).isSocket() ? url : null;
  } catch {
    return null;
  }
}

export interface TargetInputs {
  readonly options: CtlOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly load: LoadCtlConfig;
  /** the first config file found in the default places, or null */
  readonly search: () => string | null;
}

function readConfig(load: LoadCtlConfig, file: string): CtlFileConfig {
  const r = load(file);
  if (!r.ok) throw new UsageError(r.errors.join('\nError: '));
  return r.config;
}

export function resolveTarget(inp: TargetInputs): CtlTarget {
  const { options, env } = inp;
  let explicit: CtlFileConfig | null = null;
  if (options.configFile !== null) {
    if (!fs.existsSync(options.configFile)) throw new UsageError(`could not find config file ${options.configFile}`);
    explicit = readConfig(inp.load, options.configFile);
  }
  let url = options.serverurl ?? urlOf(explicit) ?? (env.SUPERVISOR_SERVER_URL || null);
  let cfg = explicit;
  if (cfg === null) {
    const found = inp.search();
    if (found !== null) cfg = readConfig(inp.load, found);
  }
  url ??= reachableUnixUrl(urlOf(cfg)) ?? `unix://${findDefaultSocket()}`;
  return {
    url,
    username: options.username ?? cfg?.username ?? null,
    password: options.password ?? cfg?.password ?? null,
    prompt: cfg?.prompt ?? 'supervisor',
    historyFile: options.historyFile ?? cfg?.history_file ?? null,
  };
}
