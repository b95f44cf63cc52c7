// One output stream of one process (src/logging/stream-log.ts), driven in-process: a real pipe
// from the addon stands for the child's end, a collecting Writable for tend's console.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import type { LogFileSetting, ProcessConfig } from '../../../src/config/types';
import { ConsoleStream } from '../../../src/logging/console';
import { FileReader } from '../../../src/logging/file-reader';
import { MemoryTail } from '../../../src/logging/memory-tail';
import { SafeStream } from '../../../src/logging/stdout';
import { PARTIAL_LINE_MS, StreamLog, type StreamLogContext } from '../../../src/logging/stream-log';
import type { Level } from '../../../src/logging/types';
import { loadAddon } from '../../../src/runtime/addon';
import { proc } from '../core/config-factory';

const T = { timeout: 5000 };
const addon = loadAddon();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await settle(5);
  }
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-stream-log-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** tend's console: collects what is written; with hold, write callbacks wait for release() */
class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  private held: (() => void)[] = [];

  constructor(private readonly hold = false) {
    super({ highWaterMark: hold ? 1 : 16 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (this.hold) this.held.push(() => cb());
    else cb();
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (err?: Error | null) => void): void {
    for (const c of chunks) this.chunks.push(c.chunk);
    if (this.hold) this.held.push(() => cb());
    else cb();
  }

  release(): void {
    for (const cb of this.held.splice(0)) cb();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

interface Harness {
  readonly log: StreamLog;
  readonly out: Sink;
  readonly err: Sink;
  readonly main: string[];
}

function make(
  setting: LogFileSetting,
  opts: {
    file?: string | null;
    maxbytes?: number;
    echo?: boolean;
    stripAnsi?: boolean;
    channel?: 'stdout' | 'stderr';
    proc?: Partial<ProcessConfig>;
    hold?: boolean;
  } = {},
): Harness {
  const out = new Sink(opts.hold);
  const err = new Sink(opts.hold);
  const main: string[] = [];
  const ctx: StreamLogContext = {
    console: { stdout: new ConsoleStream(new SafeStream(out)), stderr: new ConsoleStream(new SafeStream(err)) },
    log: { log: (level: Level, text: string) => main.push(`${level} ${text}`) },
    echo: opts.echo ?? false,
    stripAnsi: opts.stripAnsi ?? false,
    nameWidth: 5,
    readBuffer: Buffer.allocUnsafe(64 * 1024),
    prefixLines: null,
  };
  const p = proc('web', { console_prefix: [{ field: 'name' }, { text: ' |' }], ...opts.proc });
  const log = new StreamLog(p, opts.channel ?? 'stdout', setting, opts.file ?? null, { maxbytes: opts.maxbytes ?? 0, backups: 0, mode: 0o644 }, ctx);
  cleanups.push(() => log.close());
  return { log, out, err, main };
}

/** a pipe whose read end the StreamLog reads; write() is the child writing, end() its exit */
function pipeInto(log: StreamLog): { write: (text: string) => void; end: () => void } {
  const [r, w] = addon.pipe();
  let open = true;
  const end = (): void => {
    if (open) fs.closeSync(w);
    open = false;
  };
  cleanups.push(end);
  log.attach(r);
  return { write: (text) => void fs.writeSync(w, text), end };
}

const CONSOLE: LogFileSetting = { kind: 'console' };
const NONE: LogFileSetting = { kind: 'none' };

describe('destinations', () => {
  it('console: whole lines with the padded prefix on the stream\'s own console; a memory tail keeps the bytes', T, async () => {
    const h = make(CONSOLE, { channel: 'stderr' });
    const child = pipeInto(h.log);
    child.write('one\ntwo\n');
    await until(() => h.err.text() === 'web   | one\nweb   | two\n', 'two lines on stderr');
    assert.equal(h.out.text(), '');
    const tail = h.log.reader();
    assert.ok(tail instanceof MemoryTail);
    assert.equal(tail.read(0, 100).toString(), 'one\ntwo\n');
    assert.equal(h.log.path, null);
  });

  it('raw (/dev/stdout): lines as they are, no prefix, on the fd the setting names; memory tail', T, async () => {
    const h = make({ kind: 'raw', fd: 1, path: '/dev/stdout' }, { channel: 'stderr' });
    const child = pipeInto(h.log);
    child.write('GET / 200\n');
    await until(() => h.out.text() === 'GET / 200\n', 'the raw line on stdout');
    assert.equal(h.err.text(), '');
    assert.ok(h.log.reader() instanceof MemoryTail);
  });

  it('file: bytes as they come (no prefix, partial lines too), read back from the file', T, async () => {
    const file = path.join(tempDir(), 'web.log');
    const h = make({ kind: 'path', path: file }, { file });
    h.log.open();
    const child = pipeInto(h.log);
    child.write('line\npart');
    await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'line\npart', 'the file');
    assert.equal(h.out.text(), '');
    const reader = h.log.reader();
    assert.ok(reader instanceof FileReader);
    assert.equal(reader.read(0, 100).toString(), 'line\npart');
  });

  it('NONE: no reader, nothing written anywhere, the pipe is still drained', T, async () => {
    const h = make(NONE);
    assert.equal(h.log.reader(), null);
    h.log.open();
    assert.equal(h.log.directFd(), null);
    const child = pipeInto(h.log);
    child.write('lost\n');
    child.end();
    await h.log.ended();
    assert.equal(h.out.text() + h.err.text(), '');
  });

  it('setPid: a {pid} prefix shows the pid of the running child', T, async () => {
    const h = make(CONSOLE, { proc: { console_prefix: [{ text: '[' }, { field: 'pid' }, { text: ']' }] } });
    h.log.setPid(4242);
    const child = pipeInto(h.log);
    child.write('up\n');
    await until(() => h.out.text() === '[4242] up\n', 'the pid prefix');
  });

  it('echo (loglevel debug): every read also goes to the main log', T, async () => {
    const h = make(CONSOLE, { echo: true });
    const child = pipeInto(h.log);
    child.write('hi\n');
    await until(() => h.main.length > 0, 'the echo');
    assert.deepEqual(h.main, ["DEBG 'web' stdout output:\nhi\n"]);
  });

  it('strip_ansi: the file gets the text without escapes; the console keeps them', T, async () => {
    const file = path.join(tempDir(), 'c.log');
    const h = make({ kind: 'path', path: file }, { file, stripAnsi: true });
    h.log.open();
    const child = pipeInto(h.log);
    child.write('\x1b[1;31mred\x1b[0m text\n');
    await until(() => fs.readFileSync(file, 'utf8') === 'red text\n', 'the stripped file');
  });
});

describe('open and the direct fd', () => {
  it('open() creates the file once; a console or NONE stream opens nothing', T, () => {
    const dir = tempDir();
    const file = path.join(dir, 'o.log');
    const h = make({ kind: 'path', path: file }, { file });
    assert.equal(fs.existsSync(file), false, 'nothing before open()');
    h.log.open();
    h.log.open();
    assert.equal(fs.existsSync(file), true);
    make(CONSOLE).log.open();
    make(NONE).log.open();
    assert.deepEqual(fs.readdirSync(dir), ['o.log']);
  });

  it('open() throws the OS error', T, () => {
    const dir = tempDir();
    const h = make({ kind: 'path', path: dir }, { file: dir });
    assert.throws(() => h.log.open(), /EISDIR/);
  });

  it('directFd: the file\'s fd when nothing needs tend in the data path, else null', T, () => {
    const dir = tempDir();
    const file = path.join(dir, 'd.log');
    const direct = make({ kind: 'path', path: file }, { file });
    assert.equal(direct.log.directFd(), null, 'not open yet');
    direct.log.open();
    const fd = direct.log.directFd();
    assert.ok(fd !== null && fd >= 0);
    assert.equal(fs.readlinkSync(`/proc/self/fd/${fd}`), file);
    for (const opts of [{ maxbytes: 1024 }, { stripAnsi: true }, { echo: true }]) {
      const f = path.join(dir, `x${Object.keys(opts)[0]}.log`);
      const h = make({ kind: 'path', path: f }, { file: f, ...opts });
      h.log.open();
      assert.equal(h.log.directFd(), null, JSON.stringify(opts));
    }
    assert.equal(make(CONSOLE).log.directFd(), null);
  });
});

describe('reopen, clear, close', () => {
  it('reopen (SIGUSR2) writes to the file now at the path; a moved file keeps what it had', T, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'r.log');
    const h = make({ kind: 'path', path: file }, { file, maxbytes: 1024 * 1024 });
    h.log.open();
    const child = pipeInto(h.log);
    child.write('before\n');
    await until(() => fs.readFileSync(file, 'utf8') === 'before\n', 'the first line');
    fs.renameSync(file, `${file}.old`);
    h.log.reopen();
    child.write('after\n');
    await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8') === 'after\n', 'the line in the new file');
    assert.equal(fs.readFileSync(`${file}.old`, 'utf8'), 'before\n');
    assert.deepEqual(h.main, [], 'tend writes this file itself: no warning');
  });

  it('reopen of a file handed to a running child: a warning that the child keeps its file', T, () => {
    const file = path.join(tempDir(), 'w.log');
    const h = make({ kind: 'path', path: file }, { file });
    h.log.open();
    assert.notEqual(h.log.directFd(), null);
    h.log.reopen();
    assert.deepEqual(h.main, [], 'no child yet');
    h.log.setPid(77);
    h.log.reopen();
    assert.equal(h.main.length, 1);
    assert.match(h.main[0] ?? '', /^WARN 'web' writes its stdout log .*w\.log itself \(stdout_logfile_maxbytes=0\): it keeps the file/);
  });

  it('reopen and clear before open, and on a console stream, are no-ops', T, () => {
    const file = path.join(tempDir(), 'n.log');
    const h = make({ kind: 'path', path: file }, { file });
    h.log.reopen();
    h.log.clear();
    assert.equal(fs.existsSync(file), false);
    const c = make(CONSOLE);
    c.log.reopen();
    c.log.clear();
  });

  it('clear empties the file in place and the memory tail', T, async () => {
    const file = path.join(tempDir(), 'c.log');
    const h = make({ kind: 'path', path: file }, { file });
    h.log.open();
    const ino = fs.statSync(file).ino;
    const child = pipeInto(h.log);
    child.write('old\n');
    await until(() => fs.readFileSync(file, 'utf8') === 'old\n', 'the line');
    h.log.clear();
    assert.equal(fs.readFileSync(file, 'utf8'), '');
    assert.equal(fs.statSync(file).ino, ino, 'truncated, not replaced');
    child.write('new\n');
    await until(() => fs.readFileSync(file, 'utf8') === 'new\n', 'the next line');

    const m = make(CONSOLE);
    const mc = pipeInto(m.log);
    mc.write('kept\n');
    await until(() => m.out.text() === 'web   | kept\n', 'the console line');
    const tail = m.log.reader();
    assert.ok(tail !== null);
    assert.equal(tail.size(), 5);
    m.log.clear();
    assert.equal(tail.size(), 0);
  });

  it('close writes out a held partial line, stops reading and closes the file', T, async () => {
    const file = path.join(tempDir(), 'x.log');
    const f = make({ kind: 'path', path: file }, { file });
    f.log.open();
    const fd = f.log.directFd();
    assert.ok(fd !== null);
    f.log.close();
    assert.throws(() => fs.fstatSync(fd), /EBADF/);
    assert.equal(f.log.directFd(), null, 'closed: nothing to hand over');

    const h = make(CONSOLE);
    const child = pipeInto(h.log);
    child.write('half');
    await until(() => (h.log.reader()?.size() ?? 0) === 4, 'the partial read');
    h.log.close();
    assert.throws(() => child.write('more\n'), /EPIPE/, 'the read end is closed');
    await settle(10);
    assert.equal(h.out.text(), 'web   | half\n');
    assert.equal(h.log.reader()?.size(), 4, 'nothing read after close');
    await h.log.ended();
  });
});

describe('pipes', () => {
  it('ended() resolves once every pipe being read has closed, a grandchild\'s included', T, async () => {
    const h = make(CONSOLE);
    await h.log.ended();
    const child = pipeInto(h.log);
    const grandchild = pipeInto(h.log);
    let done = false;
    const ended = h.log.ended().then(() => { done = true; });
    child.write('a\n');
    child.end();
    await settle(50);
    assert.equal(done, false, 'one pipe still open');
    grandchild.write('b\n');
    grandchild.end();
    await ended;
    assert.equal(h.out.text(), 'web   | a\nweb   | b\n');
  });

  it('a partial line waits for its newline, is written once the child is quiet, or at the end of the pipe', T, async () => {
    const h = make(CONSOLE);
    const child = pipeInto(h.log);
    child.write('no newline');
    await until(() => (h.log.reader()?.size() ?? 0) === 10, 'the read');
    // the child keeps writing, never quiet for PARTIAL_LINE_MS, for twice that long
    let last = Date.now();
    let longestGap = 0;
    for (let i = 0; i < 10; i++) {
      await settle(PARTIAL_LINE_MS / 5);
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
      child.write('.');
    }
    // a machine too busy to keep the gaps short lets the line go out early, as it should
    if (longestGap < PARTIAL_LINE_MS * 0.6) assert.equal(h.out.text(), '', 'held while the child keeps writing');
    child.write(' yet');
    await until(() => h.out.text() === 'web   | no newline.......... yet\n', 'the flushed partial line', 1000);
    child.write('last words');
    child.end();
    await h.log.ended();
    assert.equal(h.out.text(), 'web   | no newline.......... yet\nweb   | last words\n');
  });

  it('a write error is logged once, and again only after a write has succeeded', { ...T, skip: !fs.existsSync('/dev/full') && 'no /dev/full' }, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'full.log');
    const good = path.join(dir, 'good.log');
    fs.symlinkSync('/dev/full', file);
    const h = make({ kind: 'path', path: file }, { file });
    h.log.open();
    const child = pipeInto(h.log);
    child.write('1\n');
    await until(() => h.main.length === 1, 'the first error');
    child.write('2\n');
    child.write('3\n');
    await settle(50);
    assert.equal(h.main.length, 1, 'said once');
    assert.match(h.main[0] ?? '', /^ERRO could not write stdout log of 'web' \(.*full\.log\): ENOSPC/);
    fs.unlinkSync(file);
    fs.symlinkSync(good, file);
    h.log.reopen();
    child.write('4\n');
    await until(() => fs.existsSync(good) && fs.readFileSync(good, 'utf8') === '4\n', 'a good write');
    fs.unlinkSync(file);
    fs.symlinkSync('/dev/full', file);
    h.log.reopen();
    child.write('5\n');
    await until(() => h.main.length === 2, 'the error said again');
  });

  it('a full console pauses the pipe until it drains; nothing is lost', T, async () => {
    const h = make(CONSOLE, { hold: true });
    const child = pipeInto(h.log);
    const tail = h.log.reader();
    assert.ok(tail !== null);
    child.write('first\n');
    await until(() => tail.size() === 6, 'the first read');
    await settle(20);
    child.write('second\n');
    await settle(100);
    assert.equal(tail.size(), 6, 'paused: the pipe is not read while the console is full');
    h.out.release();
    await until(() => tail.size() === 13, 'reading resumed after drain');
    await until(() => h.out.text() === 'web   | first\nweb   | second\n', 'both lines');
    h.out.release();
  });
});
