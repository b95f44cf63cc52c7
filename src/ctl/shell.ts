// The interactive shell (spec §7.4): `<prompt>> `, status first, one command a line, tab
// completion of command names and of process and group names, a history file. Ctrl-D prints
// a newline and leaves; Ctrl-C leaves. Interactive mode always exits 0.

import * as fs from 'node:fs';
import * as readline from 'node:readline';

export interface ShellIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** a terminal: line editing and completion on */
  readonly terminal: boolean;
  /** `supervisor` gives the prompt `supervisor> ` */
  readonly prompt: string;
  readonly historyFile: string | null;
}

export interface ShellActions {
  /** run one line (a command and its arguments) */
  run(line: string): Promise<void>;
  /** every command name */
  readonly commands: readonly string[];
  /** namespecs to complete after a command: processes (`g:p`, `p`) and groups (`g:*`) */
  names(): Promise<readonly string[]>;
  /** answer y/N questions (shutdown, reload) through the same line reader */
  setAsk(ask: ((question: string) => Promise<string>) | null): void;
  /** Ctrl-C: stop the command that is running, if any (true), else the shell leaves */
  interrupt?(): boolean;
}

/** Completions of the word under the cursor: a command first, then names. */
export function complete(line: string, commands: readonly string[], names: readonly string[]): [string[], string] {
  const m = /^(\s*)(\S*)$/.exec(line);
  if (m !== null) {
    const word = m[2] ?? '';
    return [commands.filter((c) => c.startsWith(word)).map((c) => `${c} `), word];
  }
  const word = /(\S*)$/.exec(line)?.[1] ?? '';
  const cmd = line.trim().split(/\s+/)[0] ?? '';
  const pool = cmd === 'help' ? commands : [...names, ...(cmd === 'tail' || cmd === 'fg' ? [] : ['all'])];
  return [pool.filter((n) => n.startsWith(word)).map((n) => `${n} `), word];
}

function readHistory(file: string | null): string[] {
  if (file === null) return [];
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

/** The lines a readline interface reads, one per call; null once its input has ended. */
export function lineQueue(rl: readline.Interface): { next(): Promise<string | null>; readonly closed: boolean } {
  const lines: string[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  rl.on('line', (l) => { lines.push(l); wake?.(); });
  rl.on('close', () => { closed = true; wake?.(); });
  return {
    get closed() { return closed; },
    async next() {
      while (lines.length === 0 && !closed) await new Promise<void>((r) => { wake = r; });
      wake = null;
      return lines.shift() ?? null;
    },
  };
}

export async function runShell(io: ShellIo, actions: ShellActions): Promise<void> {
  let names: readonly string[] = [];
  const refresh = (): void => {
    actions.names().then((n) => { names = n; }, () => undefined);
  };
  refresh();
  const rl = readline.createInterface({
    input: io.input,
    output: io.output,
    terminal: io.terminal,
    history: readHistory(io.historyFile),
    historySize: 1000,
    removeHistoryDuplicates: true,
    completer: (line: string) => complete(line, actions.commands, names),
  });
  const queue = lineQueue(rl);
  rl.on('SIGINT', () => {
    if (actions.interrupt?.() === true) return;
    io.output.write('\n');
    rl.close();
  });
  const next = async (question: string): Promise<string | null> => {
    if (queue.closed) return null;
    rl.setPrompt(question);
    rl.prompt();
    return queue.next();
  };
  actions.setAsk(async (q) => (await next(q)) ?? '');
  try {
    for (;;) {
      const line = await next(`${io.prompt}> `);
      if (line === null) {
        io.output.write('\n');
        break;
      }
      const text = line.trim();
      if (text === '') continue;
      if (io.historyFile !== null) {
        try { fs.appendFileSync(io.historyFile, `${text}\n`); } catch { /* history is a convenience */ }
      }
      if (text === 'quit' || text === 'exit') break;
      await actions.run(text);
      refresh();
    }
  } finally {
    actions.setAsk(null);
    rl.close();
  }
}
