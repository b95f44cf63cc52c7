import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { complete, runShell } from '../../../src/ctl/shell';

const COMMANDS = ['add', 'avail', 'clear', 'exit', 'help', 'maintail', 'reload', 'restart', 'start', 'status', 'stop', 'tail'];
const NAMES = ['web:web_00', 'web:web_01', 'web:*', 'worker'];

test('completion: commands first, then process and group names, help completes commands', () => {
  assert.deepEqual(complete('st', COMMANDS, NAMES), [['start ', 'status ', 'stop '], 'st']);
  assert.deepEqual(complete('  re', COMMANDS, NAMES), [['reload ', 'restart '], 're']);
  assert.deepEqual(complete('stop web:w', COMMANDS, NAMES), [['web:web_00 ', 'web:web_01 '], 'web:w']);
  assert.deepEqual(complete('stop worker a', COMMANDS, NAMES), [['all '], 'a']);
  assert.deepEqual(complete('tail a', COMMANDS, NAMES), [[], 'a']);
  assert.deepEqual(complete('help ma', COMMANDS, NAMES), [['maintail '], 'ma']);
});

test('one command a line, prompt each time, blank lines skipped, history kept, EOF ends with a newline', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-shell-'));
  const history = path.join(dir, 'history');
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => { text += c.toString(); });
  const ran: string[] = [];
  const done = runShell({ input, output, terminal: false, prompt: 'tend', historyFile: history }, {
    commands: COMMANDS,
    names: async () => NAMES,
    setAsk: () => undefined,
    run: async (line) => { ran.push(line); output.write(`ran ${line}\n`); },
  });
  input.write('status\n\n  stop web:*  \n');
  input.end();
  await done;
  assert.deepEqual(ran, ['status', 'stop web:*']);
  assert.equal(text, 'tend> ran status\ntend> tend> ran stop web:*\ntend> \n');
  assert.equal(fs.readFileSync(history, 'utf8'), 'status\nstop web:*\n');
});

test('quit and exit leave; questions are answered from the same input', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let ask: ((q: string) => Promise<string>) | null = null;
  const answers: string[] = [];
  const done = runShell({ input, output, terminal: false, prompt: 'supervisor', historyFile: null }, {
    commands: COMMANDS,
    names: async () => [],
    setAsk: (a) => { ask = a; },
    run: async () => { if (ask) answers.push(await ask('Really? y/N ')); },
  });
  input.write('reload\ny\nquit\nstatus\n');
  await done;
  assert.deepEqual(answers, ['y']);
});
