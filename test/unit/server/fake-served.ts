// The rest of what the servers are handed, around a FakePort: config changes (FakeGroupConfig)
// and the logs; fakeServed() puts them together as the whole Served of a server.

import type { Config } from '../../../src/config/types';
import type { ConfigDiff } from '../../../src/core/config-diff';
import { Refusal } from '../../../src/common/errors';
import type { GroupConfigPort, GroupView, SupervisorPort } from '../../../src/core/port';
import type { SupervisorStateName } from '../../../src/core/states';
import type { Served } from '../../../src/server/methods/served';
import { FakeMainLog, FakeProcessLogs } from './fake-logs';
import { demoPort, type FakePort } from './fake-port';

/** reloadConfig, addProcessGroup, removeProcessGroup over the fake's groups */
export class FakeGroupConfig implements GroupConfigPort {
  /** what reloadConfig finds, or the errors it reports */
  reread: { readonly diff: ConfigDiff } | { readonly error: string } = { diff: { added: [], changed: [], removed: [] } };

  constructor(private readonly port: FakePort) {}

  state(): SupervisorStateName {
    return this.port.state();
  }

  groups(): readonly GroupView[] {
    return this.port.groups();
  }

  reloadConfig(): ConfigDiff {
    if ('error' in this.reread) throw new Refusal('CANT_REREAD', this.reread.error);
    return this.reread.diff;
  }

  lastReadConfig(): Config {
    throw new Error('FakeGroupConfig.lastReadConfig() is not used by these tests');
  }

  addProcessGroup(name: string): void {
    if (this.groups().some((g) => g.name === name)) throw new Refusal('ALREADY_ADDED', name);
    throw new Refusal('BAD_NAME', name);
  }

  removeProcessGroup(name: string): void {
    const g = this.groups().find((x) => x.name === name);
    if (g === undefined) throw new Refusal('BAD_NAME', name);
    if (g.processes.some((p) => !['STOPPED', 'EXITED', 'FATAL'].includes(p.state))) throw new Refusal('STILL_RUNNING', name);
    this.port.removeGroup(name);
  }
}

/** the port and the config changes as one SupervisorPort */
function supervisorOf(port: FakePort, config: GroupConfigPort): SupervisorPort {
  return {
    pid: port.pid,
    identification: () => port.identification(),
    state: () => port.state(),
    shutdown: () => port.shutdown(),
    restart: () => port.restart(),
    groups: () => port.groups(),
    onChange: (listener) => port.onChange(listener),
    checkCommand: (group, name) => port.checkCommand(group, name),
    start: (group, name) => port.start(group, name),
    stop: (group, name) => port.stop(group, name),
    signal: (group, name, signo) => port.signal(group, name, signo),
    sendStdin: (group, name, data) => port.sendStdin(group, name, data),
    note: (text) => port.note(text),
    reloadConfig: () => config.reloadConfig(),
    lastReadConfig: () => config.lastReadConfig(),
    addProcessGroup: (name) => config.addProcessGroup(name),
    removeProcessGroup: (name) => config.removeProcessGroup(name),
  };
}

export interface FakeServed {
  readonly port: FakePort;
  readonly config: FakeGroupConfig;
  readonly logs: FakeProcessLogs;
  readonly main: FakeMainLog;
  readonly served: Served;
}

/** everything a server serves, over the given port (default: the demo processes) */
export function fakeServed(port: FakePort = demoPort()): FakeServed {
  const config = new FakeGroupConfig(port);
  const logs = new FakeProcessLogs();
  const main = new FakeMainLog();
  return { port, config, logs, main, served: { supervisor: supervisorOf(port, config), processLogs: logs, mainLog: main } };
}
