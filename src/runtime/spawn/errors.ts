// The spawnerr texts of spec §3.4, word for word. supervisord formats names and paths with
// Python's %r, so pyRepr reproduces repr() of a str.

import { pyRepr } from '../../python/builtins';

export const spawnErrors = {
  notFound: (file: string) => `can't find command ${pyRepr(file)}`,
  isDirectory: (file: string) => `command at ${pyRepr(file)} is a directory`,
  notExecutable: (file: string) => `command at ${pyRepr(file)} is not executable`,
  noPermission: (file: string) => `no permission to run command ${pyRepr(file)}`,
  cantParse: (command: string, why: string) => `can't parse command ${pyRepr(command)}: ${why}`,
  empty: () => 'command is empty',
  tooManyFiles: (name: string) => `too many open files to spawn ${pyRepr(name)}`,
  pipeError: (name: string, code: string) => `unknown error making dispatchers for ${pyRepr(name)}: ${code}`,
  tooManyProcesses: (name: string) => `Too many processes in process table to spawn ${pyRepr(name)}`,
  forkError: (name: string, code: string) => `unknown error during fork for ${pyRepr(name)}: ${code}`,
} as const;

/** The spawnerr for a failed pipe() (supervisord: EMFILE -> too many open files). */
export function pipeErrorText(name: string, code: string): string {
  return code === 'EMFILE' ? spawnErrors.tooManyFiles(name) : spawnErrors.pipeError(name, code);
}

/** The spawnerr for a failed fork() (supervisord: EAGAIN -> process table full). */
export function forkErrorText(name: string, code: string): string {
  return code === 'EAGAIN' ? spawnErrors.tooManyProcesses(name) : spawnErrors.forkError(name, code);
}
