// The environment a supervised child gets (spec §3.5 step 4), in this order, later wins:
// tend's base environment, HOME/USER/LOGNAME of user= (tend's addition: supervisord leaves
// them as they were), SUPERVISOR_ENABLED, SUPERVISOR_SERVER_URL, SUPERVISOR_PROCESS_NAME,
// SUPERVISOR_GROUP_NAME, then the program's own environment=.

import type { ProcessConfig } from '../../config/types';
import type { SpawnContext } from '../types';

export function childEnvironment(proc: ProcessConfig, ctx: SpawnContext): Record<string, string> {
  const env: Record<string, string> = { ...ctx.baseEnv };
  if (proc.user) {
    env.HOME = proc.user.home;
    env.USER = proc.user.name;
    env.LOGNAME = proc.user.name;
  }
  env.SUPERVISOR_ENABLED = '1';
  const url = proc.serverurl === 'AUTO' ? ctx.serverUrl : proc.serverurl;
  if (url !== null) env.SUPERVISOR_SERVER_URL = url;
  env.SUPERVISOR_PROCESS_NAME = proc.name;
  env.SUPERVISOR_GROUP_NAME = proc.group;
  Object.assign(env, proc.environment);
  return env;
}

/** 'KEY=value' strings for execve; entries that cannot be expressed (a '=' or NUL in the key, NUL in the value) are left out. */
export function toEnvp(env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key === '' || key.includes('=') || key.includes('\0') || value.includes('\0')) continue;
    out.push(`${key}=${value}`);
  }
  return out;
}
