// What the control servers serve: the supervisor (through the narrow port of each method
// family) and the logs, handed over straight from their stores.

import type { MainLogAccess, ProcessLogAccess, SupervisorPort } from '../../core/port';
import { configMethods } from './config-methods';
import { daemonMethods } from './daemon-methods';
import { logMethods } from './log-methods';
import type { MethodTable } from './method-table';
import { processMethods } from './process-methods';

export interface Served {
  readonly supervisor: SupervisorPort;
  readonly processLogs: ProcessLogAccess;
  readonly mainLog: MainLogAccess;
}

/** the supervisor.* namespace, every family's methods */
export function servedMethods(s: Served): MethodTable {
  const port = s.supervisor;
  return { ...daemonMethods(port), ...processMethods(port), ...configMethods(port), ...logMethods(port, s.processLogs, s.mainLog) };
}
