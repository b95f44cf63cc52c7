// Build: bundle src/main.ts and src/ctl.ts into single files with esbuild, and build the
// native reaper addon with node-gyp into dist/ next to them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, chmodSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['*.node'],
  logLevel: 'warning',
  legalComments: 'none',
};

await build({ ...common, entryPoints: [path.join(root, 'src/main.ts')], outfile: path.join(dist, 'init.js') });
await build({
  ...common,
  entryPoints: [path.join(root, 'src/ctl.ts')],
  outfile: path.join(dist, 'ctl.js'),
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(path.join(dist, 'ctl.js'), 0o755);
chmodSync(path.join(dist, 'init.js'), 0o755);

// The addon: node-gyp needs Node's headers; this machine type has them under /usr/include/node.
const require = createRequire(import.meta.url);
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
const args = [gyp, 'rebuild', '--loglevel=warn', '--directory', root];
const nodedir = process.env.npm_config_nodedir
  || (existsSync('/usr/include/node/node_api.h') ? '/usr' : existsSync('/usr/local/include/node/node_api.h') ? '/usr/local' : '');
if (nodedir) args.push(`--nodedir=${nodedir}`);
const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) {
  console.error('build: node-gyp failed');
  process.exit(1);
}
// Copy, then rename over the old file: a running tend has tend.node mapped, and writing
// into that same inode would crash it.
const tmp = path.join(dist, `.tend.node.${process.pid}`);
copyFileSync(path.join(root, 'build/Release/tend.node'), tmp);
renameSync(tmp, path.join(dist, 'tend.node'));
