// End-to-end harness: a real Docker engine, tend's image built from the local dist/ with the
// repository's Dockerfile, containers that are removed at their deadline whatever happens.
//
// Engine: $DOCKER_HOST if it answers, else ../shared/docker/dockerd-up is run (it starts a
// throwaway engine with vfs storage and no bridge network, so every container runs with
// --network none). Images (built once per dist/ and node version, reused by later test files):
//   tend-e2e-node:<node version>   node-base-image's stand-in for the official Node image, made
//                                  from the node binary that runs the tests (TEND_NODE picks it)
//   tend-e2e-base:<…>              that, plus /usr/bin/env as every official Node image has it
//                                  (ctl's `#!/usr/bin/env node` needs it); both are kept
//   tend-e2e-busybox:1             busybox alone, for the build stage (TEND_PREBUILT=1 only copies)
//   tend-e2e:<…>                   the Dockerfile's runtime stage on tend-e2e-base
// Everything built here but the two base images carries the label tend-e2e (scripts/test-docker.mjs
// removes it at the end). TEND_DOCKER_IMAGE=IMAGE tests that image instead of building one (for
// an image built from source with `docker build -t tend .` where a registry is reachable).

import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(__dirname, 'fixtures');
export const EXAMPLES = path.join(ROOT, 'examples');
const SHARED_DOCKER = process.env.TEND_SHARED_DOCKER || path.resolve(ROOT, '../shared/docker');
export const LABEL = 'tend-e2e';
// The classic builder unless told otherwise: it is in every client and engine version the tests
// meet, and needs no buildx plugin (BuildKit would build only the stages the target needs, but
// the Dockerfile does not depend on that).
process.env.DOCKER_BUILDKIT ??= '0';

export interface Result {
  readonly stdout: string;
  readonly stderr: string;
  /** exit code; null when the command was killed at its timeout */
  readonly code: number | null;
}

/** Run a command (no shell) with a hard timeout; never rejects. */
export function run(file: string, args: readonly string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(file, args, {
      timeout: opts.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
      env: opts.env ?? process.env,
      encoding: 'utf8',
    }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ stdout, stderr, code });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** `docker ARGS`; throws with the output unless it exits 0 (or allowFail) */
export async function docker(args: readonly string[], opts: { timeoutMs?: number; allowFail?: boolean; input?: string } = {}): Promise<Result> {
  const r = await run('docker', args, opts);
  if (r.code !== 0 && !opts.allowFail) {
    throw new Error(`docker ${args.join(' ')} -> ${r.code === null ? 'killed at its timeout' : `exit ${r.code}`}\n${r.stdout}${r.stderr}`);
  }
  return r;
}

let engineReady: Promise<void> | null = null;

/** Make sure an engine answers, starting the throwaway one when needed. */
export function engine(): Promise<void> {
  engineReady ??= (async () => {
    if ((await run('docker', ['version'], { timeoutMs: 20_000 })).code === 0) return;
    const up = path.join(SHARED_DOCKER, 'dockerd-up');
    if (!fs.existsSync(up)) throw new Error(`no Docker engine answers (DOCKER_HOST=${process.env.DOCKER_HOST ?? ''}) and ${up} does not exist`);
    const r = await run(up, [], { timeoutMs: 300_000 });
    const m = /DOCKER_HOST=(\S+)/.exec(r.stdout);
    if (r.code !== 0 || !m) throw new Error(`dockerd-up failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    process.env.DOCKER_HOST = m[1];
  })();
  return engineReady;
}

async function imageExists(tag: string): Promise<boolean> {
  return (await docker(['image', 'inspect', tag], { allowFail: true, timeoutMs: 20_000 })).code === 0;
}

function hashFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 12);
}

/** A tiny image of busybox alone: all the build stage needs when it only copies dist/. */
async function busyboxImage(): Promise<string> {
  const tag = 'tend-e2e-busybox:1';
  if (await imageExists(tag)) return tag;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-e2e-bb-'));
  try {
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.mkdirSync(path.join(dir, 'tmp'));
    fs.copyFileSync('/bin/busybox', path.join(dir, 'bin/busybox'));
    fs.chmodSync(path.join(dir, 'bin/busybox'), 0o755);
    for (const applet of ['sh', 'cp', 'mkdir', 'chmod', '[', 'test', 'echo']) fs.symlinkSync('busybox', path.join(dir, 'bin', applet));
    const tar = spawnSync('tar', ['-C', dir, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
    const r = spawnSync('docker', ['import', '-c', `LABEL ${LABEL}=1`, '-c', 'ENV PATH=/bin', '-', tag], { input: tar.stdout, timeout: 120_000 });
    if (r.status !== 0) throw new Error(`docker import failed: ${r.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return tag;
}

export interface Images {
  /** the Node base (stand-in for node:XX-slim) */
  readonly base: string;
  /** tend's image: the Dockerfile's runtime stage on that base */
  readonly tend: string;
  /** the node version inside them */
  readonly nodeVersion: string;
}

let images: Promise<Images> | null = null;

/** The base and tend images for the node binary running the tests, built when missing. */
export function tendImages(): Promise<Images> {
  images ??= (async () => {
    await engine();
    const given = process.env.TEND_DOCKER_IMAGE;
    if (given) {
      // an image built elsewhere (e.g. `docker build -t tend .` from source): it is its own base
      const v = await docker(['run', '--rm', '--network', 'none', '--entrypoint', 'node', given, '--version'], { timeoutMs: 60_000 });
      return { base: given, tend: given, nodeVersion: v.stdout.trim() };
    }
    const nodeVersion = process.version;
    const raw = `tend-e2e-node:${nodeVersion}`;
    if (!(await imageExists(raw))) {
      const r = await run(path.join(SHARED_DOCKER, 'node-base-image'), [raw], {
        timeoutMs: 300_000,
        env: { ...process.env, NODE_BIN: process.env.TEND_DOCKER_NODE || process.execPath },
      });
      if (r.code !== 0) throw new Error(`node-base-image failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    }
    const base = `tend-e2e-base:${nodeVersion}`;
    if (!(await imageExists(base))) {
      // no tend-e2e label: a base, kept after the run like tend-e2e-node
      await docker(['build', '-q', '-t', base, '-'], {
        input: `FROM ${raw}\nRUN [ -e /usr/bin/env ] || ln -s /bin/env /usr/bin/env\n`,
        timeoutMs: 300_000,
      });
    }
    const dist = ['init.js', 'ctl.js', 'tend.node'].map((f) => path.join(ROOT, 'dist', f));
    for (const f of dist) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build first`);
    const tend = `tend-e2e:${nodeVersion}-${hashFiles([...dist, path.join(ROOT, 'Dockerfile'), path.join(ROOT, '.dockerignore')])}`;
    if (!(await imageExists(tend))) {
      await docker(['build', '-q', '--label', LABEL, '-t', tend,
        '--build-arg', `NODE_IMAGE=${base}`, '--build-arg', `BUILD_IMAGE=${await busyboxImage()}`,
        '--build-arg', 'TEND_PREBUILT=1', ROOT], { timeoutMs: 300_000 });
    }
    return { base, tend, nodeVersion };
  })();
  return images;
}

/** Build an example's Dockerfile (its directory is the context) with these build args. */
export async function buildExample(dir: string, args: Readonly<Record<string, string>>): Promise<string> {
  const { tend } = await tendImages();
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(dir);
  files.sort();
  const tag = `tend-e2e-${path.basename(dir)}:${tend.split(':')[1]}-${hashFiles(files)}`;
  if (!(await imageExists(tag))) {
    const buildArgs = Object.entries({ TEND_IMAGE: tend, ...args }).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
    await docker(['build', '-q', '--label', LABEL, '-t', tag, ...buildArgs, dir], { timeoutMs: 300_000 });
  }
  return tag;
}

export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

let serial = 0;

export interface ContainerOptions {
  readonly image: string;
  /** arguments after the image (the command, given to the entrypoint) */
  readonly args?: readonly string[];
  /** more `docker run` flags (-v, -e, --health-*, …) */
  readonly flags?: readonly string[];
  /** `docker rm -f` after this many ms, whatever the test is doing */
  readonly deadlineMs: number;
  /** short word for the container's name */
  readonly name?: string;
}

/** A detached container with its log followed from the start. */
export class Container {
  readonly name: string;
  readonly lines: LogLine[] = [];
  private follower: ChildProcess | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly deadline: NodeJS.Timeout;
  private followerDone = false;

  private constructor(readonly opts: ContainerOptions) {
    this.name = `tend-e2e-${opts.name ?? 'ctr'}-${process.pid}-${++serial}`;
    this.deadline = setTimeout(() => {
      process.stderr.write(`docker harness: deadline of ${opts.deadlineMs} ms passed; removing ${this.name}\n${this.tail()}\n`);
      void this.remove();
    }, opts.deadlineMs);
    this.deadline.unref();
  }

  static async start(opts: ContainerOptions): Promise<Container> {
    const c = new Container(opts);
    try {
      await docker(['run', '-d', '--network', 'none', '--name', c.name, '--label', LABEL, ...(opts.flags ?? []), opts.image, ...(opts.args ?? [])],
        { timeoutMs: 60_000 });
      c.follow();
    } catch (err) {
      await c.remove();
      throw err;
    }
    return c;
  }

  private follow(): void {
    const child = spawn('docker', ['logs', '-f', this.name], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.follower = child;
    for (const stream of ['stdout', 'stderr'] as const) {
      let partial = '';
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const text of parts) this.lines.push({ stream, text });
        if (process.env.TEND_TEST_VERBOSE) for (const p of parts) process.stderr.write(`  ${this.name} ${stream}| ${p}\n`);
        this.notify();
      });
    }
    child.on('exit', () => { this.followerDone = true; this.notify(); });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** the log lines so far (both streams, each stream in order) */
  texts(stream?: 'stdout' | 'stderr'): string[] {
    return this.lines.filter((l) => stream === undefined || l.stream === stream).map((l) => l.text);
  }

  tail(n = 40): string {
    return this.lines.slice(-n).map((l) => `${l.stream === 'stderr' ? 'E' : 'O'}| ${l.text}`).join('\n');
  }

  /** the n-th (1-based) log line matching re, waiting up to timeoutMs for it */
  waitFor(re: RegExp, opts: { n?: number; timeoutMs?: number; stream?: 'stdout' | 'stderr' } = {}): Promise<string> {
    const n = opts.n ?? 1;
    const timeoutMs = opts.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const check = (): boolean => {
        const hits = this.texts(opts.stream).filter((t) => re.test(t));
        if (hits.length >= n) { resolve(hits[n - 1] as string); return true; }
        if (this.followerDone) { reject(new Error(`the log ended before ${re} (#${n}):\n${this.tail()}`)); return true; }
        return false;
      };
      if (check()) return;
      const waiter = (): void => {
        if (check()) { this.waiters.delete(waiter); clearTimeout(timer); }
      };
      this.waiters.add(waiter);
      timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${re} (#${n}) in ${this.name}:\n${this.tail()}`));
      }, timeoutMs);
    });
  }

  /** `docker exec NAME ARGS…` (never throws; look at .code) */
  exec(args: readonly string[], timeoutMs = 20_000): Promise<Result> {
    return run('docker', ['exec', this.name, ...args], { timeoutMs });
  }

  /** `docker inspect -f FORMAT` */
  async inspect(format: string): Promise<string> {
    return (await docker(['inspect', '-f', format, this.name], { timeoutMs: 20_000 })).stdout.trim();
  }

  /** poll `docker inspect -f FORMAT` until it prints want */
  async waitInspect(format: string, want: string, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < end) {
      last = await this.inspect(format);
      if (last === want) return;
      await sleep(250);
    }
    throw new Error(`${format} of ${this.name} stayed ${JSON.stringify(last)}, not ${JSON.stringify(want)}, for ${timeoutMs} ms\n${this.tail()}`);
  }

  /** `docker wait`: the container's exit code */
  async waitExit(timeoutMs = 30_000): Promise<number> {
    const r = await docker(['wait', this.name], { timeoutMs });
    return Number(r.stdout.trim());
  }

  /** wait until the log follower has seen the end of the log (after the container stopped) */
  async logEnded(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.followerDone && Date.now() < end) await sleep(50);
  }

  /** remove the container (and stop following its log); safe to call twice */
  async remove(): Promise<void> {
    clearTimeout(this.deadline);
    await docker(['rm', '-f', '-v', this.name], { allowFail: true, timeoutMs: 60_000 });
    this.follower?.kill('SIGKILL');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Processes in a zombie state, from `ps -o pid,stat,args` inside the container. */
export async function zombies(c: Container): Promise<string[]> {
  const r = await c.exec(['ps', '-o', 'pid,stat,args']);
  if (r.code !== 0) throw new Error(`ps failed in ${c.name}: ${r.stdout}${r.stderr}`);
  return r.stdout.split('\n').slice(1).filter((l) => /^\s*\d+\s+Z/.test(l));
}

/** PID 1's command line, space separated */
export async function pid1Cmdline(c: Container): Promise<string> {
  const r = await c.exec(['cat', '/proc/1/cmdline']);
  if (r.code !== 0) throw new Error(`cat /proc/1/cmdline failed: ${r.stderr}`);
  return r.stdout.split('\0').filter(Boolean).join(' ');
}

/** the index of the first line matching re at or after from, or -1 */
export function indexOf(lines: readonly string[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(lines[i] as string)) return i;
  return -1;
}

/** a main-log line's timestamp (`2026-11-26 14:19:02,804`, the container's local time) in ms */
export function lineTime(line: string): number {
  const m = /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})/.exec(line);
  if (!m) throw new Error(`no timestamp in: ${line}`);
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}
