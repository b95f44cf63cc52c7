// Sections -> the readonly typed Config (types.ts). Every error is collected (never only the
// first), each as `file:line: message`; unknown sections and keys become WARN messages.

import type { ValidateContext } from './context';
import type { IniDocument, IniSection } from './ini';
import { Problems } from './reader';
import { knownKeys, MAIN_RPCINTERFACE_FACTORY, RPCINTERFACE_FACTORY_KEY, sectionKind, type SectionKind } from './schema';
import type { Config } from './types';
import { readGroups } from './validate-groups';
import { readInetServer, readSupervisorctl, readUnixServer } from './validate-servers';
import { readSupervisord } from './validate-supervisord';

/** Build the Config from a parsed document; problems collects errors and messages. */
export function validate(doc: IniDocument, mainFile: string, problems: Problems, ctx: ValidateContext): Config | null {
  scanSections(doc, problems);
  let supervisordSection = doc.sections.get('supervisord');
  if (supervisordSection === undefined) {
    problems.error(`${mainFile}: .ini file does not include supervisord section`);
    supervisordSection = { name: 'supervisord', file: mainFile, line: 0, entries: new Map() };
  }
  const supervisord = readSupervisord(doc, supervisordSection, problems, ctx);
  const env = supervisord.envNames;
  const groups = readGroups(doc, problems, { ...ctx, consolePrefix: supervisord.config.console_prefix }, env);
  const unix = doc.sections.get('unix_http_server');
  const inet = doc.sections.get('inet_http_server');
  const ctl = doc.sections.get('supervisorctl');
  const config: Config = {
    file: mainFile,
    supervisord: supervisord.config,
    unix_http_server: unix ? readUnixServer(doc, unix, problems, ctx, env) : null,
    inet_http_server: inet ? readInetServer(doc, inet, problems, env) : null,
    supervisorctl: ctl ? readSupervisorctl(doc, ctl, problems, ctx, env, true) : null,
    groups,
    messages: problems.messages,
  };
  return problems.errors.length === 0 ? config : null;
}

const ALL_KINDS: readonly SectionKind[] = [
  'supervisord', 'unix_http_server', 'inet_http_server', 'supervisorctl', 'include', 'program', 'group',
];
const NOT_RUN: ReadonlySet<SectionKind> = new Set(['eventlistener', 'fcgi-program']);

/** Unknown sections and keys, sections tend accepts but does not run, rpcinterface factories. */
function scanSections(doc: IniDocument, problems: Problems): void {
  const allKnown = new Set<string>();
  for (const section of doc.sections.values()) {
    const kind = sectionKind(section.name);
    const at = `${section.file}:${section.line}`;
    if (kind === 'unknown') problems.message('WARN', `${at}: unknown section [${section.name}] ignored`);
    if (NOT_RUN.has(kind)) {
      problems.message('WARN', `${at}: [${section.name}] is not supported by tend yet; the section is ignored`);
    }
    if (kind === 'rpcinterface') checkRpcInterface(doc, section, problems);
    const known = knownKeys(kind);
    if (known === null) continue;
    for (const [key, e] of section.entries) {
      if (!known.has(key)) {
        problems.message('WARN', `${e.file}:${e.line}: unknown key '${key}' in section [${section.name}] ignored`);
      }
    }
  }
  for (const kind of ALL_KINDS) for (const key of knownKeys(kind) ?? []) allKnown.add(key);
  for (const [key, e] of doc.defaults.entries) {
    if (!allKnown.has(key)) problems.message('WARN', `${e.file}:${e.line}: unknown key '${key}' in section [DEFAULT] ignored`);
  }
}

function checkRpcInterface(doc: IniDocument, section: IniSection, problems: Problems): void {
  const factory = section.entries.get(RPCINTERFACE_FACTORY_KEY) ?? doc.defaults.entries.get(RPCINTERFACE_FACTORY_KEY);
  if (factory === undefined) {
    problems.error(`${section.file}:${section.line}: section [${section.name}] does not specify a ${RPCINTERFACE_FACTORY_KEY}`);
  } else if (factory.value !== MAIN_RPCINTERFACE_FACTORY) {
    problems.message(
      'WARN',
      `${factory.file}:${factory.line}: [${section.name}] ${RPCINTERFACE_FACTORY_KEY} '${factory.value}' ` +
        'is not supported by tend; the section is ignored',
    );
  }
}
