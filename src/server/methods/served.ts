// What the control servers serve: the supervisor (through the narrow port of each method
// family) and the logs, handed over straight from their stores.

import type { MainLogAccess, ProcessLogAccess, SupervisorPort } from '../../core/port';
import { configMethods } from './config-methods';
import { daemonMethods } from './daemon-methods';
import { logMethods } from './log-methods';
import type { MethodTable } from './method-table';
import { processMethods } from './process-methods';
import type { SystemMethodName } from './system-methods';
import type { MethodName } from '../../protocol/protocol';

export interface Served {
  readonly supervisor: SupervisorPort;
  readonly processLogs: ProcessLogAccess;
  readonly mainLog: MainLogAccess;
}

/** every method of the protocol but system.* (which the dispatcher adds): the compiler checks none is missing */
export function servedMethods(s: Served): MethodTable<Exclude<MethodName, SystemMethodName>> {
  const port = s.supervisor;
  return { ...daemonMethods(port), ...processMethods(port), ...configMethods(port), ...logMethods(port, s.processLogs, s.mainLog) };
}
