// What tend does with the signals it receives as a supervisor (spec §4.4-4.6).

import type { SupervisorStateName } from '../../core/states';
import type { MainLog } from '../../logging/types';

export interface SignalHost {
  readonly log: MainLog;
  mood(): SupervisorStateName;
  shutdown(): void;
  restart(): void;
  reopenLogs(): void;
}

export function handleSupervisorSignal(host: SignalHost, sig: string): void {
  switch (sig) {
    case 'SIGTERM':
    case 'SIGINT':
    case 'SIGQUIT':
      host.log.log('WARN', `received ${sig} indicating exit request`);
      host.shutdown();
      return;
    case 'SIGHUP':
      if (host.mood() === 'SHUTDOWN') {
        host.log.log('WARN', 'ignored SIGHUP indicating restart request (shutdown in progress)');
        return;
      }
      host.log.log('WARN', 'received SIGHUP indicating restart request');
      host.restart();
      return;
    case 'SIGUSR2':
      host.log.log('INFO', 'received SIGUSR2 indicating log reopen request');
      host.reopenLogs();
      return;
    case 'SIGCHLD':
      host.log.log('DEBG', 'received SIGCHLD indicating a child quit');
      return;
    default:
      host.log.log('BLAT', `received ${sig} indicating nothing`);
  }
}
