// The supervisor.* methods on processes (spec §6.4): their info, start, stop and signal of
// one, a group or all, and their stdin. Each checks the daemon's mood first (SHUTDOWN_STATE), except
// where supervisord checks later.

import type { ProcessControl, ProcessView } from '../../core/port';
import { parseSignal } from '../../common/signals';
import { isStoppable, RUNNING_STATES, SIGNALLABLE_STATES, type ProcessStateName } from '../../core/states';
import { runAll, signalOne, startOne, stopOne } from './control';
import type { CallContext, MethodDef, MethodTable, ParamDoc } from './method-table';
import { argFlag, argSignal, argString, ensureRunning } from './method-table';
import { allInNameOrder, allInStartOrder, findGroup, resolveName, targetsOf, type Target } from './names';
import { processInfoStruct, resultStruct, RpcFault } from '../../protocol/protocol';
import type { Outcome } from './wait';
import type { XmlRpcValue } from '../../protocol/xmlrpc';

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
const STDIN_TRUE = { type: 'boolean', name: 'result', doc: 'true if successful' } as const;

export type ProcessMethodName =
  | 'supervisor.getProcessInfo' | 'supervisor.getAllProcessInfo'
  | 'supervisor.startProcess' | 'supervisor.startProcessGroup' | 'supervisor.startAllProcesses'
  | 'supervisor.stopProcess' | 'supervisor.stopProcessGroup' | 'supervisor.stopAllProcesses'
  | 'supervisor.signalProcess' | 'supervisor.signalProcessGroup' | 'supervisor.signalAllProcesses'
  | 'supervisor.sendProcessStdin' | 'supervisor.sendRemoteCommEvent';

export function processMethods(port: ProcessControl): MethodTable<ProcessMethodName> {
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

  return {
    'supervisor.getProcessInfo': {
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
    'supervisor.getAllProcessInfo': {
      doc: 'Information about every process, by group name then process name',
      params: [],
      returns: { type: 'array', name: 'result', doc: 'process info structs' },
      call: () => {
        ensureRunning(port);
        return allInNameOrder(port).map((t) => processInfoStruct(t.proc.info()));
      },
    },
    'supervisor.startProcess': processMethod(START, 'Start a process (a whole group when named group:*)'),
    'supervisor.startProcessGroup': groupMethod(START, 'Start every process of a group that is not running'),
    'supervisor.startAllProcesses': allMethod(START, 'Start every process that is not running, in priority order'),
    'supervisor.stopProcess': processMethod(STOP, 'Stop a process (a whole group when named group:*)'),
    'supervisor.stopProcessGroup': groupMethod(STOP, 'Stop every running process of a group'),
    'supervisor.stopAllProcesses': allMethod(STOP, 'Stop every running process, in priority order'),
    'supervisor.signalProcess': {
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
    'supervisor.signalProcessGroup': {
      doc: 'Send a signal to every signallable process of a group',
      params: [GNAME, SIGNAL],
      returns: RESULTS,
      call: (args) => signalGroup(argString(args, 0), argSignal(args, 1)),
    },
    'supervisor.signalAllProcesses': {
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
    'supervisor.sendProcessStdin': {
      doc: 'Send a string of chars to the stdin of the process name. If non-7-bit data is sent (unicode), ' +
        'it is encoded to utf-8 before being sent to the process\' stdin.',
      params: [
        { name: 'name', type: 'string', doc: 'The process name to send to (or \'group:name\')' },
        { name: 'chars', type: 'string', doc: 'The character data to send to the process' },
      ],
      returns: STDIN_TRUE,
      call: (args) => {
        ensureRunning(port);
        const spec = argString(args, 0);
        const chars = args[1];
        if (typeof chars !== 'string') throw RpcFault.of('INCORRECT_PARAMETERS', String(chars));
        const { group, proc } = resolveName(port, spec);
        if (proc === null) throw RpcFault.of('BAD_NAME', spec);
        port.sendStdin(group.name, proc.config.name, Buffer.from(chars, 'utf8'));
        return true;
      },
    },
    'supervisor.sendRemoteCommEvent': {
      doc: 'Send an event that will be received by event listener subprocesses subscribing to the RemoteCommunicationEvent.',
      params: [
        { name: 'type', type: 'string', doc: 'String for the "type" key in the event header' },
        { name: 'data', type: 'string', doc: 'Data for the event body' },
      ],
      returns: STDIN_TRUE,
      call: (args) => {
        argString(args, 0);
        argString(args, 1);
        return true; // no event listeners yet: nobody to deliver it to
      },
    },
  };
}

