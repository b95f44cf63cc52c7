// The log methods of supervisor.* (spec §6.4, §6.6): the main log and each process's stdout
// and stderr, read, tailed and cleared, with supervisord's faults and aliases.

import type { LogChannel, LogReader, SupervisorPort } from '../core/port';
import { asString, readLogBytes, tailLog } from './log-read';
import type { MethodDef, MethodTable, ParamDoc } from './methods';
import { argInt, argString } from './methods';
import { allInNameOrder, resolveName } from './names';
import { Faults, resultStruct, RpcFault } from './protocol';
import { ensureRunning } from './supervisor-methods';
import type { XmlRpcValue } from './xmlrpc';

const NAME: ParamDoc = { name: 'name', type: 'string', doc: "the name of the process (or 'group:name')" };
const OFFSET: ParamDoc = { name: 'offset', type: 'int', doc: 'offset to start reading from' };
const LENGTH: ParamDoc = { name: 'length', type: 'int', doc: 'number of bytes to read from the log' };
const BYTES = { type: 'string', name: 'result', doc: 'Bytes of log' } as const;
const TRUE = { type: 'boolean', name: 'result', doc: 'always returns True unless error' } as const;

/** the process's log of a channel; BAD_NAME for an unknown name or a whole group */
function processLog(port: SupervisorPort, spec: string, channel: LogChannel): LogReader | null {
  const { group, proc } = resolveName(port, spec);
  if (proc === null) throw RpcFault.of('BAD_NAME', spec);
  return port.processLog(group.name, proc.config.name, channel);
}

export function logMethods(port: SupervisorPort): MethodTable {
  const read = (channel: LogChannel): MethodDef => ({
    doc: `Read length bytes from name's ${channel} log starting at offset`,
    params: [NAME, OFFSET, LENGTH],
    returns: BYTES,
    call: (args) => {
      ensureRunning(port);
      const reader = processLog(port, argString(args, 0), channel);
      if (reader === null) throw RpcFault.of('NO_FILE');
      return asString(readLogBytes(reader, argInt(args, 1), argInt(args, 2)));
    },
  });
  const tail = (channel: LogChannel): MethodDef => ({
    doc: `Provides a more efficient way to tail the (${channel}) log than readProcess${channel === 'stdout' ? 'Stdout' : 'Stderr'}Log(). ` +
      'Use readProcessLog() to read chunks and tailProcessLog() to tail.',
    params: [NAME, OFFSET, LENGTH],
    returns: { type: 'array', name: 'result', doc: '[string bytes, int offset, bool overflow]' },
    call: (args) => {
      ensureRunning(port);
      const reader = processLog(port, argString(args, 0), channel);
      const [bytes, offset, overflow] = reader === null ? ['', 0, false] : tailLog(reader, argInt(args, 1), argInt(args, 2));
      return [bytes, offset, overflow];
    },
  });
  const readMain: MethodDef = {
    doc: 'Read length bytes from the main log starting at offset',
    params: [OFFSET, LENGTH],
    returns: BYTES,
    call: (args) => {
      ensureRunning(port);
      const reader = port.mainLog();
      if (reader === null) throw RpcFault.of('NO_FILE');
      return asString(readLogBytes(reader, argInt(args, 0), argInt(args, 1)));
    },
  };
  const clearOne: MethodDef = {
    doc: 'Clear the stdout and stderr logs for the named process and reopen them.',
    params: [NAME],
    returns: TRUE,
    call: (args) => {
      ensureRunning(port);
      const spec = argString(args, 0);
      const { group, proc } = resolveName(port, spec);
      if (proc === null) throw RpcFault.of('BAD_NAME', spec);
      try {
        port.clearProcessLogs(group.name, proc.config.name);
      } catch {
        throw RpcFault.of('FAILED', spec);
      }
      return true;
    },
  };
  const table: Record<string, MethodDef> = {
    readLog: readMain,
    readMainLog: { ...readMain, doc: `${readMain.doc} (alias of readLog)` },
    clearLog: {
      doc: 'Clear the main log.',
      params: [],
      returns: TRUE,
      call: () => {
        ensureRunning(port);
        try {
          port.clearMainLog();
        } catch {
          throw RpcFault.of('FAILED');
        }
        return true;
      },
    },
    readProcessStdoutLog: read('stdout'),
    readProcessLog: read('stdout'),
    readProcessStderrLog: read('stderr'),
    tailProcessStdoutLog: tail('stdout'),
    tailProcessLog: tail('stdout'),
    tailProcessStderrLog: tail('stderr'),
    clearProcessLogs: clearOne,
    clearProcessLog: clearOne,
    clearAllProcessLogs: {
      doc: 'Clear all process log files',
      params: [],
      returns: { type: 'array', name: 'result', doc: 'An array of process status info structs' },
      call: () => {
        ensureRunning(port);
        const out: XmlRpcValue[] = [];
        for (const t of allInNameOrder(port)) {
          let status: number = Faults.SUCCESS;
          let description = 'OK';
          try {
            port.clearProcessLogs(t.group.name, t.proc.config.name);
          } catch {
            status = Faults.FAILED;
            description = `FAILED: ${t.spec}`;
          }
          out.push(resultStruct({ name: t.proc.config.name, group: t.group.name, status, description }));
        }
        return out;
      },
    },
  };
  return table;
}
