// Run the Docker end-to-end tests (test/docker) once per node binary given (default: the node
// running this script). Each run builds tend's image on a base made from that binary, so
// `node scripts/test-docker.mjs /usr/bin/node /path/to/node24` tests the image on Node 20 and 24.
// Starts a throwaway engine with ../shared/docker/dockerd-up when no engine answers, and at the
// end removes the containers and images the tests made (label tend-e2e); the node base images
// (tend-e2e-node:<version>, tend-e2e-base:<version>) are kept, as a pulled node image would be.
// TEND_DOCKER_KEEP=1 keeps everything (a second run then builds nothing).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const shared = process.env.TEND_SHARED_DOCKER || path.resolve(root, '../shared/docker');
const bins = process.argv.slice(2).length ? process.argv.slice(2) : [process.execPath];

const docker = (args) => spawnSync('docker', args, { encoding: 'utf8', timeout: 120_000 });

if (docker(['version']).status !== 0) {
  const up = path.join(shared, 'dockerd-up');
  if (!existsSync(up)) {
    console.error(`test-docker: no Docker engine answers and ${up} does not exist`);
    process.exit(1);
  }
  const r = spawnSync(up, [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 });
  const m = /DOCKER_HOST=(\S+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    console.error(`test-docker: blocked: dockerd-up failed (exit ${r.status})`);
    process.exit(1);
  }
  process.env.DOCKER_HOST = m[1];
}

let failed = false;
for (const bin of bins) {
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  console.log(`== Docker end-to-end tests on Node ${version} ==`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/test.mjs'), 'test/docker'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TEND_NODE: bin },
  });
  console.log(`== Node ${version}: ${r.status === 0 ? 'passed' : 'failed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ==`);
  if (r.status !== 0) failed = true;
}

if (!process.env.TEND_DOCKER_KEEP) {
  const ids = (args) => [...new Set(docker(args).stdout.split('\n').filter(Boolean))];
  const containers = ids(['ps', '-aq', '--filter', 'label=tend-e2e']);
  if (containers.length) docker(['rm', '-f', '-v', ...containers]);
  const images = ids(['images', '-q', '--filter', 'label=tend-e2e']);
  if (images.length) docker(['rmi', '-f', ...images]);
}
process.exit(failed ? 1 : 0);
