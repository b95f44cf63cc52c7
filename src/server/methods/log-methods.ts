// The log methods of supervisor.* (spec §6.4, §6.6): the main log and each process's stdout
// and stderr, read, tailed and cleared, with supervisord's faults, aliases and docstrings.

import type { OutputChannel } from '../../config/types';
import type { DaemonState, LogReader, MainLogAccess, ProcessGroups, ProcessLogAccess } from '../../core/port';
import { asString, readLogBytes, tailLog } from './log-read';
import type { MethodDef, MethodTable, ParamDoc } from './method-table';
import { argInt, argString, ensureRunning } from './method-table';
import { allInStartOrder, resolveName } from './names';
import { Faults, resultStruct, RpcFault } from '../../protocol/protocol';
import type { XmlRpcValue } from '../../protocol/xmlrpc';

const NAME: ParamDoc = { name: 'name', type: 'string', doc: "the name of the process (or 'group:name')" };
const OFFSET: ParamDoc = { name: 'offset', type: 'int', doc: 'offset to start reading from.' };
const LENGTH: ParamDoc = { name: 'length', type: 'int', doc: 'number of bytes to read from the log.' };
const BYTES = { type: 'string', name: 'result', doc: 'Bytes of log' } as const;
const TRUE = { type: 'boolean', name: 'result', doc: 'Always True unless error' } as const;

/** the daemon's state and its processes, as the log methods check and name them */
export type LogMethodsPort = DaemonState & ProcessGroups;

/** the process's log of a channel; BAD_NAME for an unknown name or a whole group */
function processLog(port: ProcessGroups, logs: ProcessLogAccess, spec: string, channel: OutputChannel): LogReader | null {
  const { group, proc } = resolveName(port, spec);
  if (proc === null) throw RpcFault.of('BAD_NAME', spec);
  return logs.reader(group.name, proc.config.name, channel);
}

function tailDoc(channel: OutputChannel): string {
  const Ch = channel === 'stdout' ? 'Stdout' : 'Stderr';
  return [
    `Provides a more efficient way to tail the (${channel}) log than`,
    `readProcess${Ch}Log().  Use readProcess${Ch}Log() to read`,
    `chunks and tailProcess${Ch}Log() to tail.`,
    '',
    "Requests (length) bytes from the (name)'s log, starting at",
    '(offset).  If the total log size is greater than (offset +',
    'length), the overflow flag is set and the (offset) is',
    'automatically increased to position the buffer at the end of',
    'the log.  If less than (length) bytes are available, the',
    'maximum number of available bytes will be returned.  (offset)',
    'returned is always the last offset in the log +1.',
  ].join('\n');
}

/** clear one process's logs; FAILED with the name as given when they cannot be cleared */
function clearOne(port: ProcessGroups, logs: ProcessLogAccess, spec: string): void {
  const { group, proc } = resolveName(port, spec);
  if (proc === null) throw RpcFault.of('BAD_NAME', spec);
  try {
    logs.clear(group.name, proc.config.name);
  } catch {
    throw RpcFault.of('FAILED', spec);
  }
}

export type LogMethodName =
  | 'supervisor.readLog' | 'supervisor.readMainLog' | 'supervisor.clearLog'
  | 'supervisor.readProcessStdoutLog' | 'supervisor.readProcessLog' | 'supervisor.readProcessStderrLog'
  | 'supervisor.tailProcessStdoutLog' | 'supervisor.tailProcessLog' | 'supervisor.tailProcessStderrLog'
  | 'supervisor.clearProcessLogs' | 'supervisor.clearProcessLog' | 'supervisor.clearAllProcessLogs';

export function logMethods(port: LogMethodsPort, logs: ProcessLogAccess, mainLog: MainLogAccess): MethodTable<LogMethodName> {
  const read = (channel: OutputChannel): MethodDef => ({
    doc: `Read length bytes from name's ${channel} log starting at offset`,
    params: [NAME, OFFSET, LENGTH],
    returns: BYTES,
    call: (args) => {
      ensureRunning(port);
      const reader = processLog(port, logs, argString(args, 0), channel);
      if (reader === null) throw RpcFault.of('NO_FILE');
      return asString(readLogBytes(reader, argInt(args, 1), argInt(args, 2)));
    },
  });
  const tail = (channel: OutputChannel): MethodDef => ({
    doc: tailDoc(channel),
    params: [NAME, { ...OFFSET, doc: 'offset to start reading from' }, { ...LENGTH, doc: 'maximum number of bytes to return' }],
    returns: { type: 'array', name: 'result', doc: '[string bytes, int offset, bool overflow]' },
    call: (args) => {
      ensureRunning(port);
      const reader = processLog(port, logs, argString(args, 0), channel);
      if (reader === null) return ['', 0, false];
      return tailLog(reader, argInt(args, 1), argInt(args, 2));
    },
  });
  const readMain: MethodDef = {
    doc: 'Read length bytes from the main log starting at offset',
    params: [OFFSET, LENGTH],
    returns: BYTES,
    call: (args) => {
      ensureRunning(port);
      const reader = mainLog.reader();
      if (reader === null) throw RpcFault.of('NO_FILE');
      return asString(readLogBytes(reader, argInt(args, 0), argInt(args, 1)));
    },
  };
  const clearProcess: MethodDef = {
    doc: 'Clear the stdout and stderr logs for the named process and\nreopen them.',
    params: [{ ...NAME, doc: "The name of the process (or 'group:name')" }],
    returns: TRUE,
    call: (args) => {
      ensureRunning(port);
      clearOne(port, logs, argString(args, 0));
      return true;
    },
  };
  return {
    'supervisor.readLog': readMain,
    'supervisor.readMainLog': readMain,
    'supervisor.clearLog': {
      doc: 'Clear the main log.',
      params: [],
      returns: { ...TRUE, doc: 'always returns True unless error' },
      call: () => {
        ensureRunning(port);
        if (mainLog.reader() === null) throw RpcFault.of('NO_FILE');
        try {
          mainLog.clear();
        } catch {
          throw RpcFault.of('FAILED');
        }
        return true;
      },
    },
    'supervisor.readProcessStdoutLog': read('stdout'),
    'supervisor.readProcessLog': read('stdout'),
    'supervisor.readProcessStderrLog': read('stderr'),
    'supervisor.tailProcessStdoutLog': tail('stdout'),
    'supervisor.tailProcessLog': tail('stdout'),
    'supervisor.tailProcessStderrLog': tail('stderr'),
    'supervisor.clearProcessLogs': clearProcess,
    'supervisor.clearProcessLog': clearProcess,
    'supervisor.clearAllProcessLogs': {
      doc: 'Clear all process log files',
      params: [],
      returns: { type: 'array', name: 'result', doc: 'An array of process status info structs' },
      call: () => {
        ensureRunning(port);
        // supervisord's order: groups and processes by priority, as start and stop use
        const out: XmlRpcValue[] = [];
        for (const t of allInStartOrder(port)) {
          const who = { name: t.proc.config.name, group: t.group.name };
          try {
            clearOne(port, logs, t.spec);
            out.push(resultStruct({ ...who, status: Faults.SUCCESS, description: 'OK' }));
          } catch (err) {
            if (!(err instanceof RpcFault)) throw err;
            out.push(resultStruct({ ...who, status: err.code, description: err.text }));
          }
        }
        return out;
      },
    },
  };
}
