// The supervisor.* methods for config changes at runtime (spec §6.4): reloadConfig,
// addProcessGroup, removeProcessGroup, getAllConfigInfo.

import type { GroupConfigPort } from '../../core/port';
import { allConfigInfo } from './config-info';
import type { MethodTable, ParamDoc } from './method-table';
import { argString, ensureRunning } from './method-table';

const GNAME: ParamDoc = { name: 'name', type: 'string', doc: 'name of process group' };
const TRUE = { type: 'boolean', name: 'result', doc: 'true if successful' } as const;

export type ConfigMethodName = 'supervisor.reloadConfig' | 'supervisor.addProcessGroup' | 'supervisor.removeProcessGroup' | 'supervisor.getAllConfigInfo';

export function configMethods(port: GroupConfigPort): MethodTable<ConfigMethodName> {
  return {
    'supervisor.reloadConfig': {
      doc: 'Reload the configuration. The result contains three arrays containing names of process groups: ' +
        'added gives the process groups that have been added, changed gives the process groups whose contents ' +
        'have changed, removed gives the process groups that are no longer in the configuration.',
      params: [],
      returns: { type: 'array', name: 'result', doc: '[[added, changed, removed]]' },
      call: () => {
        ensureRunning(port);
        const d = port.reloadConfig();
        return [[[...d.added], [...d.changed], [...d.removed]]];
      },
    },
    'supervisor.addProcessGroup': {
      doc: 'Update the config for a running process from config file.',
      params: [GNAME],
      returns: TRUE,
      call: (args) => {
        ensureRunning(port);
        const name = argString(args, 0);
        port.addProcessGroup(name);
        return true;
      },
    },
    'supervisor.removeProcessGroup': {
      doc: 'Remove a stopped process from the active configuration.',
      params: [GNAME],
      returns: TRUE,
      call: (args) => {
        ensureRunning(port);
        const name = argString(args, 0);
        port.removeProcessGroup(name);
        return true;
      },
    },
    'supervisor.getAllConfigInfo': {
      doc: 'Get info about all available process configurations. Each struct represents a single process ' +
        '(i.e. groups get flattened).',
      params: [],
      returns: { type: 'array', name: 'result', doc: 'An array of process config info structs' },
      call: () => {
        ensureRunning(port);
        return allConfigInfo(port.lastReadConfig(), new Set(port.groups().map((g) => g.name)));
      },
    },
  };
}
