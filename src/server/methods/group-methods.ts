// supervisor.* methods for config changes at runtime and the rest of §6.4: reloadConfig,
// addProcessGroup, removeProcessGroup, getAllConfigInfo, sendProcessStdin, sendRemoteCommEvent.

import { PortError, type SupervisorPort } from '../../core/port';
import { allConfigInfo } from './config-info';
import type { MethodDef, MethodTable, ParamDoc } from './method-table';
import { argString } from './method-table';
import { resolveName } from './names';
import { RpcFault } from '../../protocol/protocol';
import { ensureRunning } from './supervisor-methods';

const GNAME: ParamDoc = { name: 'name', type: 'string', doc: 'name of process group' };
const TRUE = { type: 'boolean', name: 'result', doc: 'true if successful' } as const;

/** a PortError as its fault; anything else is a server bug and propagates */
function asFault<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PortError) throw RpcFault.of(err.fault, err.message);
    throw err;
  }
}

export function groupMethods(port: SupervisorPort): MethodTable {
  const table: Record<string, MethodDef> = {
    reloadConfig: {
      doc: 'Reload the configuration. The result contains three arrays containing names of process groups: ' +
        'added gives the process groups that have been added, changed gives the process groups whose contents ' +
        'have changed, removed gives the process groups that are no longer in the configuration.',
      params: [],
      returns: { type: 'array', name: 'result', doc: '[[added, changed, removed]]' },
      call: () => {
        ensureRunning(port);
        const d = asFault(() => port.reloadConfig());
        return [[[...d.added], [...d.changed], [...d.removed]]];
      },
    },
    addProcessGroup: {
      doc: 'Update the config for a running process from config file.',
      params: [GNAME],
      returns: TRUE,
      call: (args) => {
        ensureRunning(port);
        const name = argString(args, 0);
        asFault(() => port.addProcessGroup(name));
        return true;
      },
    },
    removeProcessGroup: {
      doc: 'Remove a stopped process from the active configuration.',
      params: [GNAME],
      returns: TRUE,
      call: (args) => {
        ensureRunning(port);
        const name = argString(args, 0);
        asFault(() => port.removeProcessGroup(name));
        return true;
      },
    },
    getAllConfigInfo: {
      doc: 'Get info about all available process configurations. Each struct represents a single process ' +
        '(i.e. groups get flattened).',
      params: [],
      returns: { type: 'array', name: 'result', doc: 'An array of process config info structs' },
      call: () => {
        ensureRunning(port);
        return allConfigInfo(port.lastReadConfig(), new Set(port.groups().map((g) => g.name)));
      },
    },
    sendProcessStdin: {
      doc: 'Send a string of chars to the stdin of the process name. If non-7-bit data is sent (unicode), ' +
        'it is encoded to utf-8 before being sent to the process\' stdin.',
      params: [
        { name: 'name', type: 'string', doc: 'The process name to send to (or \'group:name\')' },
        { name: 'chars', type: 'string', doc: 'The character data to send to the process' },
      ],
      returns: TRUE,
      call: (args) => {
        ensureRunning(port);
        const spec = argString(args, 0);
        const chars = args[1];
        if (typeof chars !== 'string') throw RpcFault.of('INCORRECT_PARAMETERS', String(chars));
        const { group, proc } = resolveName(port, spec);
        if (proc === null) throw RpcFault.of('BAD_NAME', spec);
        asFault(() => port.sendStdin(group.name, proc.config.name, Buffer.from(chars, 'utf8')));
        return true;
      },
    },
    sendRemoteCommEvent: {
      doc: 'Send an event that will be received by event listener subprocesses subscribing to the RemoteCommunicationEvent.',
      params: [
        { name: 'type', type: 'string', doc: 'String for the "type" key in the event header' },
        { name: 'data', type: 'string', doc: 'Data for the event body' },
      ],
      returns: TRUE,
      call: (args) => {
        argString(args, 0);
        argString(args, 1);
        return true; // no event listeners yet: nobody to deliver it to
      },
    },
  };
  return table;
}
