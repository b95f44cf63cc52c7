// The Docker files that no engine here can run: docker-compose.yml and the Kubernetes Pod parse,
// name files that exist, use ctl for their health checks, and give tend's ordered shutdown the
// time it can take; the README's three lines are the ones examples/nginx-php builds with.
// (No Docker engine needed; python3's yaml, when installed, must read the YAML the same way.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseYaml, type Yaml } from './yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

type Obj = { [key: string]: Yaml };
function obj(v: Yaml | undefined, what: string): Obj {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${what} is a mapping`);
  return v as Obj;
}
function list(v: Yaml | undefined, what: string): Yaml[] {
  assert.ok(Array.isArray(v), `${what} is a sequence`);
  return v;
}

/** sections of a supervisord.conf: name -> key -> value (enough for the examples) */
function readIni(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)[;#].*$/, '').trim();
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      cur = new Map();
      out.set(sec[1] as string, cur);
    } else if (cur && line.includes('=')) {
      const i = line.indexOf('=');
      cur.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
    }
  }
  return out;
}

/**
 * The longest tend's shutdown of a config can take (README "Stopping"): its shutdown_timeout;
 * without one, priority groups stopped one after the other, each waiting at most its largest
 * stopwaitsecs (default 10) before SIGKILL, then adopted_stopwaitsecs (default 3).
 */
function worstStopSeconds(conf: string): number {
  const groups = new Map<number, number>();
  const sd = readIni(conf).get('supervisord');
  const timeout = Number(sd?.get('shutdown_timeout') ?? 0);
  if (timeout > 0) return timeout;
  for (const [name, keys] of readIni(conf)) {
    if (!name.startsWith('program:')) continue;
    const prio = Number(keys.get('priority') ?? 999);
    const wait = Number(keys.get('stopwaitsecs') ?? 10);
    groups.set(prio, Math.max(groups.get(prio) ?? 0, wait));
  }
  return [...groups.values()].reduce((a, b) => a + b, 0) + Number(sd?.get('adopted_stopwaitsecs') ?? 3);
}

function seconds(duration: string): number {
  const m = /^(\d+)(s|m)$/.exec(duration);
  assert.ok(m, `a duration like 12s: ${duration}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

/** python3's yaml.safe_load, as JSON; null when python3 or its yaml module is missing */
function pythonYaml(file: string): unknown {
  const r = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as unknown;
}

const WEB_WORKER_CONF = read('examples/web-worker/supervisord.conf');

describe('the YAML reader', () => {
  it('reads the subset and refuses what it does not know', () => {
    assert.deepEqual(parseYaml('a: 1\nb:\n  - x\n  - y: "z"\n    w: [p, \'q\']\nc: {}\nd:\n- e\n'),
      { a: 1, b: ['x', { y: 'z', w: ['p', 'q'] }], c: {}, d: ['e'] });
    assert.deepEqual(parseYaml('# c\nk: v # c\nu: "a # b"\nt: 8080:80x\n'), { k: 'v', u: 'a # b', t: '8080:80x' });
    for (const bad of ['a: |\n  x\n', 'a: &x 1\n', 'a: yes\n', 'p: 8080:80\n', 'a: 1\n  b: 2\n', 'a: 1\na: 2\n', 'a: 0770\n']) {
      assert.throws(() => parseYaml(bad), /line \d+/, bad);
    }
  });
});

describe('docker-compose.yml', () => {
  const doc = obj(parseYaml(read('docker-compose.yml')), 'the file');
  const svc = obj(obj(doc.services, 'services')['web-worker'], 'services.web-worker');

  it('parses as python3 yaml parses it (when python3 has yaml)', (t) => {
    const py = pythonYaml(path.join(ROOT, 'docker-compose.yml'));
    if (py === null) { t.skip('python3 yaml not installed'); return; }
    assert.deepEqual(py, doc);
  });

  it('builds the repository\'s Dockerfile as the image the examples build on, and mounts files that exist', () => {
    const build = obj(svc.build, 'build');
    assert.ok(fs.existsSync(path.join(ROOT, String(build.context), 'Dockerfile')));
    for (const ex of ['nginx-php', 'single']) {
      assert.match(read(`examples/${ex}/Dockerfile`), new RegExp(`^ARG TEND_IMAGE=${String(svc.image)}$`, 'm'));
    }
    const mounts = list(svc.volumes, 'volumes').map((v) => String(v).split(':'));
    const [host, inside] = mounts[0] as string[];
    assert.ok(fs.statSync(path.join(ROOT, host as string)).isDirectory(), `${host} exists`);
    const command = list(svc.command, 'command').map(String);
    assert.equal(command[0], '-c');
    const conf = command[1] as string;
    assert.ok(conf.startsWith(`${inside}/`), `${conf} is in the mount ${inside}`);
    assert.equal(fs.readFileSync(path.join(ROOT, host as string, conf.slice((inside as string).length)), 'utf8'), WEB_WORKER_CONF);
    for (const p of list(svc.ports, 'ports')) assert.equal(typeof p, 'string', 'ports are quoted');
  });

  it('health check through ctl; stop_grace_period covers tend\'s longest shutdown of the config', () => {
    const hc = obj(svc.healthcheck, 'healthcheck');
    assert.deepEqual(hc.test, ['CMD', 'ctl', 'health']);
    const worst = worstStopSeconds(WEB_WORKER_CONF);
    assert.equal(worst, 10);
    const grace = seconds(String(svc.stop_grace_period));
    assert.ok(grace >= worst + 2 && grace <= worst + 10, `stop_grace_period ${grace} s for a worst case of ${worst} s`);
    // what the example writes, with a read-only root: /tmp (setup, pidfile) and /run (tend.sock)
    assert.equal(svc.read_only, true);
    assert.deepEqual(svc.tmpfs, ['/tmp', '/run']);
  });

  it('docker compose config accepts it (when the compose plugin is installed)', (t) => {
    const r = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (r.status !== 0) { t.skip('no docker compose plugin'); return; }
    const c = spawnSync('docker', ['compose', '-f', path.join(ROOT, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
  });
});

describe('examples/kubernetes/pod.yaml', () => {
  const text = read('examples/kubernetes/pod.yaml');
  const pod = obj(parseYaml(text), 'the file');
  const spec = obj(pod.spec, 'spec');
  const app = obj(list(spec.containers, 'containers')[0], 'the container');

  it('parses as python3 yaml parses it (when python3 has yaml)', (t) => {
    const py = pythonYaml(path.join(ROOT, 'examples/kubernetes/pod.yaml'));
    if (py === null) { t.skip('python3 yaml not installed'); return; }
    assert.deepEqual(py, pod);
  });

  it('is a Pod whose liveness and readiness probes are ctl exec probes', () => {
    assert.equal(pod.apiVersion, 'v1');
    assert.equal(pod.kind, 'Pod');
    const live = obj(obj(app.livenessProbe, 'livenessProbe').exec, 'exec');
    assert.deepEqual(live.command, ['ctl', 'health']);
    const ready = list(obj(obj(app.readinessProbe, 'readinessProbe').exec, 'exec').command, 'command').map(String);
    assert.deepEqual(ready.slice(0, 2), ['ctl', 'status']);
    const programs = [...readIni(WEB_WORKER_CONF).keys()].filter((s) => s.startsWith('program:')).map((s) => s.slice(8));
    for (const name of ready.slice(2)) assert.ok(programs.includes(name), `${name} is a program of the example`);
  });

  it('terminationGracePeriodSeconds covers tend\'s longest shutdown of the config, with a margin', () => {
    const worst = worstStopSeconds(WEB_WORKER_CONF);
    const grace = spec.terminationGracePeriodSeconds;
    assert.equal(typeof grace, 'number');
    assert.ok((grace as number) >= worst + 2 && (grace as number) <= worst + 10, `${grace} s for a worst case of ${worst} s`);
  });

  it('the config comes from the ConfigMap its comment creates, and what tend writes is writable', () => {
    const args = list(app.args, 'args').map(String);
    assert.equal(args[0], '-c');
    const mounts = list(app.volumeMounts, 'volumeMounts').map((m) => obj(m, 'mount'));
    const volumes = list(spec.volumes, 'volumes').map((v) => obj(v, 'volume'));
    const confMount = mounts.find((m) => (args[1] as string).startsWith(`${String(m.mountPath)}/`));
    assert.ok(confMount, `a mount holds ${args[1]}`);
    const vol = volumes.find((v) => v.name === confMount.name);
    const cmName = String(obj(vol?.configMap, 'configMap').name);
    assert.match(text, new RegExp(`kubectl create configmap ${cmName} --from-file=examples/web-worker/`));
    assert.ok(fs.existsSync(path.join(ROOT, 'examples/web-worker', path.basename(args[1] as string))));
    assert.equal(obj(app.securityContext, 'securityContext').readOnlyRootFilesystem, true);
    for (const dir of ['/tmp', '/run']) {
      const m = mounts.find((x) => x.mountPath === dir);
      assert.ok(m && volumes.find((v) => v.name === m.name && 'emptyDir' in v), `${dir} is an emptyDir`);
    }
  });
});

describe('README: tend in three lines', () => {
  it('the README\'s three lines are the ones examples/nginx-php/Dockerfile builds with', () => {
    const readme = read('README.md');
    const block = /```dockerfile\n([^`]*ENTRYPOINT \["node", "\/init\.js"\]\n)```/.exec(readme.slice(readme.indexOf('## Docker')));
    assert.ok(block, 'a dockerfile block in the README\'s Docker section');
    const lines = (block[1] as string).trim().split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/\s+#.*$/, '').trim());
    assert.equal(lines.length, 3, lines.join('\n'));
    const dockerfile = read('examples/nginx-php/Dockerfile').split('\n').map((l) => l.trim());
    for (const l of lines) assert.ok(dockerfile.includes(l), `examples/nginx-php/Dockerfile has: ${l}`);
  });

  it('the README starts with its two set-up commands', () => {
    const lines = read('README.md').split('\n');
    const fence = lines.indexOf('```sh');
    assert.ok(fence > 0 && fence < 4, 'a sh block right under the title');
    assert.match(lines[fence + 1] ?? '', /^npm ci && npm start +# /);
    assert.match(lines[fence + 2] ?? '', /^npm ci && npm test +# /);
    assert.equal(lines[fence + 3], '```');
  });
});
