// tend's one error convention: a refusal carries supervisord's fault name (the control server
// answers it as that fault, src/server/methods/faults.ts); anything else thrown is read with
// errorText, errorStack and errnoCode. Pure: no Node imports.

/** The faults a refusal can carry (spec §6.2 names). */
export type RefusalFault =
  | 'BAD_NAME'
  | 'ALREADY_ADDED'
  | 'STILL_RUNNING'
  | 'CANT_REREAD'
  | 'SHUTDOWN_STATE'
  | 'NOT_RUNNING'
  | 'NO_FILE'
  | 'FAILED';

/** A request refused, named by supervisord's fault; `detail` follows `NAME: ` in the faultString. */
export class Refusal extends Error {
  constructor(
    readonly fault: RefusalFault,
    readonly detail: string,
  ) {
    super(`${fault}: ${detail}`);
    this.name = 'Refusal';
  }
}

/** What went wrong, in one line: an Error's message, or the thrown value as a string. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** For reports of bugs: an Error's stack (its message when it has none), or the value as a string. */
export function errorStack(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** The errno code of an error from Node or the addon ('ENOENT', 'EMFILE'), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}
