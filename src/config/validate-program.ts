// [program:x] (spec §2.8) -> one ProcessConfig per process (numprocs), with the names each
// option may use (§2.2) and supervisord's parse warnings.

import { pathEnv, type ValidateContext } from './context';
import * as c from './convert';
import { consolePrefix } from './prefix';
import { expand, processEnvNames, processNames, programNames, type Names } from './expand';
import type { IniDocument, IniSection } from './ini';
import { Problems, SectionReader, sectionSuffix } from './reader';
import { PROGRAM_DEFAULTS as P } from './schema';
import type { LogFileSetting, ProcessConfig, StreamLogConfig } from './types';

export interface ProgramResult {
  /** the program's priority (also the priority of its implicit group) */
  readonly priority: number;
  readonly processes: readonly ProcessConfig[];
}

type Stream = 'stdout' | 'stderr';
type PerProcess = 'name' | 'process_num' | 'numprocs' | 'command' | 'stdout' | 'stderr' | 'environment' | 'directory';
type Shared = Omit<ProcessConfig, PerProcess>;
type PerStream = Readonly<Record<Stream, { readonly capture: number; readonly events: boolean }>>;

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
  const numprocs = r.value('numprocs', P.numprocs, c.integer, 1);
  const start = r.value('numprocs_start', P.numprocs_start, c.integer, 0);
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
  const stopasgroup = r.value('stopasgroup', P.stopasgroup, c.boolean, false);
  return {
    program_name: program,
    group,
    priority: r.value('priority', P.priority, c.integer, 999),
    autostart: r.value('autostart', P.autostart, c.boolean, true),
    autorestart: r.value('autorestart', P.autorestart, c.autorestart, 'unexpected'),
    startsecs: r.value('startsecs', P.startsecs, c.integer, 1),
    startretries: r.value('startretries', P.startretries, c.integer, 3),
    stopsignal: r.value('stopsignal', P.stopsignal, c.signal, 'TERM'),
    stopwaitsecs: r.value('stopwaitsecs', P.stopwaitsecs, c.integer, 10),
    stopasgroup,
    killasgroup: r.value('killasgroup', P.killasgroup ?? String(stopasgroup), c.boolean, stopasgroup),
    exitcodes: r.value('exitcodes', P.exitcodes, c.exitcodes, [0]),
    redirect_stderr: r.value('redirect_stderr', P.redirect_stderr, c.boolean, false),
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

function readCaptureEvents(r: SectionReader, s: Stream): PerStream[Stream] {
  return {
    capture: r.value(`${s}_capture_maxbytes`, P[`${s}_capture_maxbytes`] ?? null, c.byteSize, 0),
    events: r.value(`${s}_events_enabled`, P[`${s}_events_enabled`] ?? null, c.boolean, false),
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
  const environment = r.value('environment', P.environment, c.environment, {}, { names: procNames, label: 'environment' });
  const names = processEnvNames(procNames, environment);
  const stream = (s: Stream): StreamLogConfig => readStream(r, s, names, pathEnv(ctx), perStream[s]);
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
  s: Stream,
  names: Names,
  paths: c.PathEnv,
  shared: PerStream[Stream],
): StreamLogConfig {
  const key = `${s}_logfile`;
  const o = { names };
  let logfile: LogFileSetting = r.value(key, P[key] ?? null, (v) => c.logfile(v, paths), { kind: 'console' }, o);
  const logfile_backups = r.value(`${key}_backups`, P[`${key}_backups`] ?? null, c.integer, 10, o);
  const logfile_maxbytes = r.value(`${key}_maxbytes`, P[`${key}_maxbytes`] ?? null, c.byteSize, 0, o);
  let syslog = r.value(`${s}_syslog`, P[`${s}_syslog`] ?? null, c.boolean, false, o);
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
