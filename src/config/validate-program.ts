// [program:x] (spec §2.8) -> one ProcessConfig per process (numprocs), with the names each
// option may use (§2.2) and supervisord's parse warnings.

import { pathEnv, type ValidateContext } from './context';
import * as c from './convert';
import { consolePrefix } from './prefix';
import { expand, processEnvNames, processNames, programNames, type Names } from './expand';
import type { IniDocument, IniSection } from './ini';
import { Problems, SectionReader, sectionSuffix } from './reader';
import { PROGRAM_DEFAULTS as P } from './schema';
import { setting } from './setting';
import { readBackoff } from './validate-backoff';
import type { LogFileSetting, OutputChannel, ProcessConfig, StreamLogConfig } from './types';

export interface ProgramResult {
  /** the program's priority (also the priority of its implicit group) */
  readonly priority: number;
  readonly processes: readonly ProcessConfig[];
}

type PerProcess = 'name' | 'process_num' | 'numprocs' | 'command' | 'stdout' | 'stderr' | 'environment' | 'directory';
type Shared = Omit<ProcessConfig, PerProcess>;
type PerStream = Readonly<Record<OutputChannel, { readonly capture: number; readonly events: boolean }>>;

export function readProgram(
  doc: IniDocument,
  section: IniSection,
  problems: Problems,
  ctx: ValidateContext,
  env: Names,
  program: string,
  group: string,
): ProgramResult {
  const common = programNames(env, program, group, ctx.hostname);
  const r = new SectionReader(doc, section, problems, { suffix: sectionSuffix(section), names: common, here: true });
  const shared = readShared(r, ctx, program, group);
  const numprocs = setting(r, 'numprocs', c.integer);
  const start = setting(r, 'numprocs_start', c.integer);
  const perStream: PerStream = { stdout: readCaptureEvents(r, 'stdout'), stderr: readCaptureEvents(r, 'stderr') };
  const rawName = r.text('process_name', P.process_name, { names: null }) ?? '';
  const checked = c.name(rawName);
  if (!checked.ok) r.fail('process_name', checked.error);
  if (numprocs > 1 && !rawName.includes('%(process_num)')) {
    const key = r.has('process_name') ? 'process_name' : 'numprocs';
    r.fail(key, '%(process_num) must be present within process_name when numprocs > 1');
  }
  if (shared.stopasgroup && !shared.killasgroup) r.fail('killasgroup', 'Cannot set stopasgroup=true and killasgroup=false');
  if (!r.has('command')) r.fail(null, `program section ${section.name} does not specify a command`);
  const processes: ProcessConfig[] = [];
  for (let num = start; num < start + numprocs; num += 1) {
    processes.push(readProcess(r, ctx, shared, perStream, rawName, processNames(common, num, numprocs)));
  }
  // supervisord sorts a program's processes by (priority, name): web_10 before web_9
  processes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { priority: shared.priority, processes };
}

function readShared(r: SectionReader, ctx: ValidateContext, program: string, group: string): Shared {
  const stopasgroup = setting(r, 'stopasgroup', c.boolean);
  return {
    program_name: program,
    group,
    priority: setting(r, 'priority', c.integer),
    autostart: setting(r, 'autostart', c.boolean),
    autorestart: setting(r, 'autorestart', c.autorestart),
    startsecs: setting(r, 'startsecs', c.integer),
    ...readBackoff(r),
    stopsignal: setting(r, 'stopsignal', c.signal),
    stopwaitsecs: setting(r, 'stopwaitsecs', c.integer),
    stopasgroup,
    killasgroup: r.value('killasgroup', P.killasgroup ?? String(stopasgroup), c.boolean, stopasgroup),
    exitcodes: setting(r, 'exitcodes', c.exitcodes),
    redirect_stderr: setting(r, 'redirect_stderr', c.boolean),
    user: r.optional('user', P.user, (v) => c.user(v, ctx.users)),
    umask: r.optional('umask', P.umask, c.octal),
    serverurl: serverUrl(r.text('serverurl', P.serverurl)),
    shutdown_on: r.value('shutdown_on', P.shutdown_on, c.shutdownOn, 'none'),
    console_prefix: r.has('console_prefix')
      ? r.value('console_prefix', P.console_prefix ?? null, consolePrefix, null)
      : ctx.consolePrefix ?? null,
    where: r.where(),
  };
}

function readCaptureEvents(r: SectionReader, s: OutputChannel): PerStream[OutputChannel] {
  return {
    capture: setting(r, `${s}_capture_maxbytes`, c.byteSize),
    events: setting(r, `${s}_events_enabled`, c.boolean),
  };
}

/** One process: procNames has process_num and numprocs; environment= adds its own ENV_ names. */
function readProcess(
  r: SectionReader,
  ctx: ValidateContext,
  shared: Shared,
  perStream: PerStream,
  rawName: string,
  procNames: Names,
): ProcessConfig {
  const environment = setting(r, 'environment', c.environment, { names: procNames, label: 'environment' });
  const names = processEnvNames(procNames, environment);
  const stream = (s: OutputChannel): StreamLogConfig => readStream(r, s, names, pathEnv(ctx), perStream[s]);
  const stdout = stream('stdout');
  let stderr = stream('stderr');
  if (shared.redirect_stderr) {
    if (stderr.logfile.kind === 'path') {
      r.warn(
        `For [${r.section.name}], redirect_stderr=true but stderr_logfile has also been set to a filename, ` +
          'the filename has been ignored',
      );
    }
    stderr = { ...stderr, logfile: { kind: 'none' } };
  }
  return {
    ...shared,
    name: processName(r, rawName, names, shared.program_name),
    process_num: Number(procNames.get('process_num')),
    numprocs: Number(procNames.get('numprocs')),
    command: r.text('command', P.command, { names }) ?? '',
    stdout,
    stderr,
    environment,
    directory: r.text('directory', P.directory, { names }),
  };
}

function serverUrl(v: string | null): string {
  return v === null || v.trim() === '' || v.trim().toUpperCase() === 'AUTO' ? 'AUTO' : v;
}

function processName(r: SectionReader, raw: string, names: Names, program: string): string {
  const expanded = expand(raw, names, 'process_name');
  if (!expanded.ok) {
    r.fail('process_name', expanded.error);
    return raw;
  }
  // supervisord checks only the text before expansion; a name that expands to ' ', ':' or '/'
  // breaks namespecs, so the result is checked too (the README)
  if (expanded.value === program) return expanded.value;
  const checked = c.name(expanded.value);
  if (!checked.ok) r.fail('process_name', checked.error);
  return checked.ok ? checked.value : expanded.value;
}

function readStream(
  r: SectionReader,
  s: OutputChannel,
  names: Names,
  paths: c.PathEnv,
  shared: PerStream[OutputChannel],
): StreamLogConfig {
  const key = `${s}_logfile`;
  const o = { names };
  let logfile: LogFileSetting = r.value(key, P[key] ?? null, (v) => c.logfile(v, paths), { kind: 'console' }, o);
  const logfile_backups = setting(r, `${key}_backups`, c.integer, o);
  const logfile_maxbytes = setting(r, `${key}_maxbytes`, c.byteSize, o);
  let syslog = setting(r, `${s}_syslog`, c.boolean, o);
  const section = r.section.name;
  if (logfile.kind === 'syslog') {
    r.warn(
      `For [${section}], ${key}=syslog but this is deprecated and will be removed.  ` +
        `Use ${s}_syslog=true to enable syslog instead.`,
    );
    logfile = { kind: 'none' };
    syslog = true;
  }
  if (logfile.kind === 'auto' && logfile_maxbytes === 0) {
    r.warn(
      `For [${section}], AUTO logging used for ${key} without rollover, ` +
        'set maxbytes > 0 to avoid filling up filesystem unintentionally',
    );
  }
  return { logfile, logfile_backups, logfile_maxbytes, capture_maxbytes: shared.capture, events_enabled: shared.events, syslog };
}
