// The supervisor.* methods about the daemon itself (spec §6.4): versions, identification,
// state, pid, shutdown and restart. Each checks the daemon's mood first (SHUTDOWN_STATE).

import type { DaemonPort } from '../../core/port';
import { SupervisorStates } from '../../core/states';
import { ensureRunning, type MethodDef, type MethodTable } from './method-table';
import { API_VERSION, SUPERVISOR_VERSION } from '../../protocol/protocol';
import type { XmlRpcValue } from '../../protocol/xmlrpc';

const TRUE = { type: 'boolean', name: 'result', doc: 'true unless a fault is raised' } as const;

export type DaemonMethodName =
  | 'supervisor.getAPIVersion' | 'supervisor.getVersion' | 'supervisor.getSupervisorVersion' | 'supervisor.getIdentification'
  | 'supervisor.getState' | 'supervisor.getPID' | 'supervisor.shutdown' | 'supervisor.restart';

export function daemonMethods(port: DaemonPort): MethodTable<DaemonMethodName> {
  /** a method without parameters that answers only while the daemon is running */
  const simple = (doc: string, returns: MethodDef['returns'], value: () => XmlRpcValue): MethodDef => ({
    doc,
    params: [],
    returns,
    call: () => {
      ensureRunning(port);
      return value();
    },
  });
  const version = simple('The version of the RPC API used by supervisord', { type: 'string', name: 'version', doc: 'the API version' }, () => API_VERSION);
  return {
    'supervisor.getAPIVersion': version,
    'supervisor.getVersion': { ...version, doc: 'The version of the RPC API used by supervisord (alias of getAPIVersion)' },
    'supervisor.getSupervisorVersion': simple('The version of the supervisor package in use', { type: 'string', name: 'version', doc: 'the version' }, () => SUPERVISOR_VERSION),
    'supervisor.getIdentification': simple('The identifier of this supervisor ([supervisord] identifier)', { type: 'string', name: 'identifier', doc: 'the identifier' }, () =>
      port.identification(),
    ),
    'supervisor.getState': simple('The current state of the supervisor', { type: 'struct', name: 'result', doc: '{statecode, statename}' }, () => {
      const statename = port.state();
      return { statecode: SupervisorStates[statename], statename };
    }),
    'supervisor.getPID': simple('The PID of the supervisor', { type: 'int', name: 'pid', doc: 'the PID' }, () => port.pid),
    'supervisor.shutdown': simple('Shut the supervisor down: stop every process, then exit', TRUE, () => {
      port.shutdown();
      return true;
    }),
    'supervisor.restart': simple('Restart the supervisor: stop every process, reread the config, start again', TRUE, () => {
      port.restart();
      return true;
    }),
  };
}
