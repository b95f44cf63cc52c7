// What may differ between two runs of the same command on the same config — and nothing else.
// Anything not listed here must be equal, byte for byte, line by line.

export interface NormalizeOptions {
  /** the daemon's config dir, replaced by <DIR> */
  readonly dir: string;
  /** the step prints bare pids, one per line (`pid`, `pid all`): nonzero integers become N */
  readonly pidLines?: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function normalize(text: string, opts: NormalizeOptions): string {
  let t = text.replace(new RegExp(escape(opts.dir), 'g'), '<DIR>');
  t = t
    // status descriptions: `pid 1234, uptime 0:00:03`
    .replace(/\bpid \d+/g, 'pid N')
    .replace(/\buptime \d+:\d\d:\d\d/g, 'uptime H:MM:SS')
    // status descriptions of stopped processes: `Nov 26 02:19 PM`
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d \d\d:\d\d [AP]M\b/g, '<DATE>')
    // main log lines: `2026-11-26 14:19:01,790`
    .replace(/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\b/g, '<TIME>')
    // childlogdir AUTO log names: name-stdout---supervisor-k3j4h5.log
    .replace(/---supervisor-[A-Za-z0-9_]+\.log/g, '---supervisor-XXXXXX.log');
  if (opts.pidLines) t = t.replace(/^[1-9]\d*$/gm, 'N');
  return t;
}

/** One comparable text: stdout, stderr (if any) and the exit code. */
export function transcript(r: { stdout: string; stderr: string; code: number | null }): string {
  let t = r.stdout;
  if (r.stderr !== '') t += `--- stderr ---\n${r.stderr}`;
  return `${t}--- exit ${r.code === null ? 'killed' : r.code} ---\n`;
}

/** A small line diff (LCS): `  same`, `- expected (supervisord)`, `+ actual (tend)`. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i]![j] = a[i] === b[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(`  ${JSON.stringify(a[i]).slice(1, -1)}`);
      i++;
      j++;
    } else if (j < m && (i === n || L[i]![j + 1]! >= L[i + 1]![j]!)) {
      out.push(`+ ${JSON.stringify(b[j]).slice(1, -1)}`);
      j++;
    } else {
      out.push(`- ${JSON.stringify(a[i]).slice(1, -1)}`);
      i++;
    }
  }
  return out.join('\n');
}

/**
 * For steps whose results come back in completion order (stop/restart of several processes):
 * sort each run of consecutive `<name>: <result>` lines that have the same result. supervisord
 * itself is not deterministic there (a process reaped at once is reported before the others), so
 * only the set of names per result, and the order of the runs (stops before starts), are compared.
 */
export function sortCompletionRuns(text: string): string {
  const lines = text.split('\n');
  const key = (l: string): string | null => {
    const m = /^\S+: (.+)$/.exec(l);
    return m ? (m[1] as string) : null;
  };
  const out: string[] = [];
  let run: string[] = [];
  let runKey: string | null = null;
  const flush = (): void => {
    out.push(...run.sort());
    run = [];
  };
  for (const l of lines) {
    const k = key(l);
    if (k === null || k !== runKey) flush();
    runKey = k;
    if (k === null) out.push(l);
    else run.push(l);
  }
  flush();
  return out.join('\n');
}
