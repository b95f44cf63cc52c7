// The supervisor.* namespace (spec §6.4) against the SupervisorPort. Each method checks the
// daemon's mood first (SHUTDOWN_STATE), except where supervisord checks later.

import type { ProcessView, SupervisorPort } from '../../core/port';
import { parseSignal } from '../../common/signals';
import { isStoppable, RUNNING_STATES, SIGNALLABLE_STATES, SupervisorStates, type ProcessStateName } from '../../core/states';
import { runAll, signalOne, startOne, stopOne } from './control';
import type { CallContext, MethodDef, MethodTable, ParamDoc } from './method-table';
import { argFlag, argSignal, argString } from './method-table';
import { allInNameOrder, allInStartOrder, findGroup, resolveName, targetsOf, type Target } from './names';
import { API_VERSION, processInfoStruct, resultStruct, RpcFault, SUPERVISOR_VERSION } from '../../protocol/protocol';
import type { Outcome } from './wait';
import type { XmlRpcValue } from '../../protocol/xmlrpc';

/** SHUTDOWN_STATE while the daemon is shutting down or restarting. */
export function ensureRunning(port: SupervisorPort): void {
  const mood = port.state();
  if (mood === 'SHUTDOWN' || mood === 'RESTARTING') throw RpcFault.of('SHUTDOWN_STATE');
}

/** true now, or true once the outcome is reached; faults propagate. */
async function settle(outcome: Outcome): Promise<boolean> {
  if (!outcome.done) {
    await outcome.promise;
    return true;
  }
  if (outcome.fault !== null) throw outcome.fault;
  return true;
}

function parseSignalArg(text: string): number | RpcFault {
  const r = parseSignal(text);
  return r.ok ? r.signo : RpcFault.of('BAD_SIGNAL', text);
}

const NAME: ParamDoc = { name: 'name', type: 'string', doc: 'process name, group:name, or group:* for a whole group' };
const GNAME: ParamDoc = { name: 'name', type: 'string', doc: 'group name' };
const WAIT: ParamDoc = { name: 'wait', type: 'boolean', doc: 'answer only when the target state is reached (default true)', optional: true };
const SIGNAL: ParamDoc = { name: 'signal', type: 'string', doc: "signal name ('HUP', 'SIGHUP') or number ('1')" };
const RESULTS = { type: 'array', name: 'result', doc: 'one {name, group, status, description} struct per process acted on' } as const;
const TRUE = { type: 'boolean', name: 'result', doc: 'true unless a fault is raised' } as const;

function simple(doc: string, returns: MethodDef['returns'], call: () => XmlRpcValue): MethodDef {
  return { doc, params: [], returns, call };
}

export function supervisorMethods(port: SupervisorPort): MethodTable {
  const checked = <T>(fn: () => T): T => {
    ensureRunning(port);
    return fn();
  };
  const version = simple('The version of the RPC API used by supervisord', { type: 'string', name: 'version', doc: 'the API version' }, () =>
    checked(() => API_VERSION),
  );

  /** start and stop differ only in which processes are candidates and what is done to each */
  interface Verb {
    readonly candidate: (state: ProcessStateName, view: ProcessView) => boolean;
    readonly act: (t: Target, wait: boolean, signal?: AbortSignal) => Outcome;
  }
  const START: Verb = { candidate: (s) => !RUNNING_STATES.has(s), act: (t, wait, signal) => startOne(port, t, wait, signal) };
  const STOP: Verb = { candidate: (s, v) => isStoppable(s, v.restartPending), act: (t, wait, signal) => stopOne(port, t, wait, signal) };

  async function onTargets(verb: Verb, targets: Target[], wait: boolean, ctx: CallContext): Promise<XmlRpcValue> {
    const rs = await runAll(port, targets, verb.candidate, (t) => verb.act(t, wait, ctx.signal));
    return rs.map(resultStruct);
  }

  function onGroup(verb: Verb, name: string, wait: boolean, ctx: CallContext): Promise<XmlRpcValue> {
    ensureRunning(port);
    const group = findGroup(port, name);
    if (group === undefined) throw RpcFault.of('BAD_NAME', name);
    return onTargets(verb, targetsOf(group), wait, ctx);
  }

  const processMethod = (verb: Verb, doc: string): MethodDef => ({
    doc,
    params: [NAME, WAIT],
    returns: TRUE,
    call: async (args, ctx) => {
      ensureRunning(port);
      const spec = argString(args, 0);
      const wait = argFlag(args, 1, true);
      const { group, proc } = resolveName(port, spec);
      if (proc === null) return onGroup(verb, group.name, wait, ctx);
      return settle(verb.act({ group, proc, spec }, wait, ctx.signal));
    },
  });
  const groupMethod = (verb: Verb, doc: string): MethodDef => ({
    doc,
    params: [GNAME, WAIT],
    returns: RESULTS,
    call: (args, ctx) => onGroup(verb, argString(args, 0), argFlag(args, 1, true), ctx),
  });
  const allMethod = (verb: Verb, doc: string): MethodDef => ({
    doc,
    params: [WAIT],
    returns: RESULTS,
    call: (args, ctx) => {
      ensureRunning(port);
      return onTargets(verb, allInStartOrder(port), argFlag(args, 0, true), ctx);
    },
  });

  async function signalGroup(name: string, signal: string): Promise<XmlRpcValue> {
    const group = findGroup(port, name);
    ensureRunning(port);
    if (group === undefined) throw RpcFault.of('BAD_NAME', name);
    const signo = parseSignalArg(signal);
    const rs = await runAll(port, targetsOf(group), (s) => SIGNALLABLE_STATES.has(s), (t) => signalOne(port, t, signo));
    ensureRunning(port);
    return rs.map(resultStruct);
  }

  const table: Record<string, MethodDef> = {
    getAPIVersion: version,
    getVersion: { ...version, doc: 'The version of the RPC API used by supervisord (alias of getAPIVersion)' },
    getSupervisorVersion: simple('The version of the supervisor package in use', { type: 'string', name: 'version', doc: 'the version' }, () =>
      checked(() => SUPERVISOR_VERSION),
    ),
    getIdentification: simple('The identifier of this supervisor ([supervisord] identifier)', { type: 'string', name: 'identifier', doc: 'the identifier' }, () =>
      checked(() => port.identification()),
    ),
    getState: simple('The current state of the supervisor', { type: 'struct', name: 'result', doc: '{statecode, statename}' }, () =>
      checked(() => {
        const statename = port.state();
        return { statecode: SupervisorStates[statename], statename };
      }),
    ),
    getPID: simple('The PID of the supervisor', { type: 'int', name: 'pid', doc: 'the PID' }, () => checked(() => port.pid)),
    shutdown: simple('Shut the supervisor down: stop every process, then exit', TRUE, () =>
      checked(() => {
        port.shutdown();
        return true;
      }),
    ),
    restart: simple('Restart the supervisor: stop every process, reread the config, start again', TRUE, () =>
      checked(() => {
        port.restart();
        return true;
      }),
    ),
    getProcessInfo: {
      doc: 'Information about one process',
      params: [{ name: 'name', type: 'string', doc: 'process name or group:name' }],
      returns: { type: 'struct', name: 'result', doc: 'the process info struct' },
      call: (args) => {
        ensureRunning(port);
        const spec = argString(args, 0);
        const { proc } = resolveName(port, spec);
        if (proc === null) throw RpcFault.of('BAD_NAME', spec);
        return processInfoStruct(proc.info());
      },
    },
    getAllProcessInfo: simple('Information about every process, by group name then process name', { type: 'array', name: 'result', doc: 'process info structs' }, () =>
      checked(() => allInNameOrder(port).map((t) => processInfoStruct(t.proc.info()))),
    ),
    startProcess: processMethod(START, 'Start a process (a whole group when named group:*)'),
    startProcessGroup: groupMethod(START, 'Start every process of a group that is not running'),
    startAllProcesses: allMethod(START, 'Start every process that is not running, in priority order'),
    stopProcess: processMethod(STOP, 'Stop a process (a whole group when named group:*)'),
    stopProcessGroup: groupMethod(STOP, 'Stop every running process of a group'),
    stopAllProcesses: allMethod(STOP, 'Stop every running process, in priority order'),
    signalProcess: {
      doc: 'Send a signal to a process (a whole group when named group:*)',
      params: [NAME, SIGNAL],
      returns: TRUE,
      call: async (args) => {
        ensureRunning(port);
        const spec = argString(args, 0);
        const signal = argSignal(args, 1);
        const { group, proc } = resolveName(port, spec);
        if (proc === null) return signalGroup(group.name, signal);
        return settle(signalOne(port, { group, proc, spec }, parseSignalArg(signal)));
      },
    },
    signalProcessGroup: {
      doc: 'Send a signal to every signallable process of a group',
      params: [GNAME, SIGNAL],
      returns: RESULTS,
      call: (args) => signalGroup(argString(args, 0), argSignal(args, 1)),
    },
    signalAllProcesses: {
      doc: 'Send a signal to every signallable process',
      params: [SIGNAL],
      returns: RESULTS,
      call: async (args) => {
        const signo = parseSignalArg(argSignal(args, 0));
        const rs = await runAll(port, allInStartOrder(port), (s) => SIGNALLABLE_STATES.has(s), (t) => signalOne(port, t, signo));
        ensureRunning(port);
        return rs.map(resultStruct);
      },
    },
  };
  return table;
}
