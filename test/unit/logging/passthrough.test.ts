import assert from 'node:assert/strict';
import * as net from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import type { ProcessConfig } from '../../../src/config/types';
import { Passthrough } from '../../../src/logging/passthrough';
import { SafeStream } from '../../../src/logging/stdout';
import type { SpawnedChild } from '../../../src/runtime/types';

// A socket pair stands in for a child's pipe: what the "child" writes on one end arrives
// on the socket the sink reads.
async function socketPair(): Promise<[net.Socket, net.Socket]> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as net.AddressInfo;
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  const client = net.connect(addr.port, '127.0.0.1');
  const peer = await accepted;
  server.close();
  return [client, peer];
}

test('stdout and stderr bytes reach the matching streams unchanged', async () => {
  const [childOut, readOut] = await socketPair();
  const [childErr, readErr] = await socketPair();
  const out = new PassThrough();
  const err = new PassThrough();
  const got = { out: '', err: '' };
  out.on('data', (c: Buffer) => { got.out += c.toString(); });
  err.on('data', (c: Buffer) => { got.err += c.toString(); });
  const sink = new Passthrough(new SafeStream(out), new SafeStream(err));
  const child = { pid: 1, stdin: childOut, stdout: readOut, stderr: readErr } as SpawnedChild;
  sink.attach({} as ProcessConfig, child);
  childOut.end('line 1\nline 2\n');
  childErr.end('oops\n');
  await Promise.all([new Promise((r) => readOut.on('end', r)), new Promise((r) => readErr.on('end', r))]);
  assert.equal(got.out, 'line 1\nline 2\n');
  assert.equal(got.err, 'oops\n');
});

test('a slow destination pauses the child pipe and loses nothing', async () => {
  const [writer, reader] = await socketPair();
  const received: Buffer[] = [];
  let pausedSeen = false;
  const slow = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      received.push(chunk);
      setTimeout(cb, 1);
    },
  });
  reader.on('pause', () => { pausedSeen = true; });
  const sink = new Passthrough(new SafeStream(slow), new SafeStream(new PassThrough()));
  sink.attach({} as ProcessConfig, { pid: 1, stdin: writer, stdout: reader, stderr: null } as SpawnedChild);
  const payload = Buffer.alloc(512 * 1024, 'x');
  writer.end(payload);
  await new Promise((r) => reader.on('end', r));
  await new Promise<void>((r) => slow.end(r));
  assert.equal(Buffer.concat(received).length, payload.length);
  assert.ok(pausedSeen, 'the reader was paused while the destination was full');
});
