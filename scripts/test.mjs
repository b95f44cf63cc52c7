// Run the test files under the given folders (default: test/unit, test/integration and
// test/conformance, the side-by-side comparison with supervisord 4.2.5) with
// Node's built-in runner and tsx. TEND_NODE picks another node binary for the integration
// tests (the init under test runs on it too).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/integration', 'test/conformance'];

function walk(dir, out) {
  for (const entry of readdirSync(dir).sort()) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (entry.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = dirs.flatMap((d) => {
  const abs = path.resolve(root, d);
  return statSync(abs).isDirectory() ? walk(abs, []) : [abs];
});
if (files.length === 0) {
  console.error('test: no test files found');
  process.exit(1);
}
const node = process.env.TEND_NODE || process.execPath;
const r = spawnSync(node, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
