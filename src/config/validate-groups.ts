// Process groups (spec §2.9, §4.3): each [group:g] collects the programs it lists, in that order;
// every other [program:x] is a group of its own with its processes sorted by (priority, name).
// Groups are sorted by (priority, name).

import type { ValidateContext } from './context';
import * as c from './convert';
import type { Names } from './expand';
import type { IniDocument, IniSection } from './ini';
import { Problems, SectionReader } from './reader';
import { GROUP_DEFAULTS, sectionKind } from './schema';
import type { GroupConfig, ProcessConfig } from './types';
import { readProgram } from './validate-program';

const byPriorityName = <T extends { readonly priority: number; readonly name: string }>(a: T, b: T): number =>
  a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function suffixName(section: IniSection): string {
  return section.name.slice(section.name.indexOf(':') + 1);
}

/** The name after 'program:'/'group:', checked; errors carry no suffix, as in supervisord. */
function checkedName(section: IniSection, problems: Problems): string {
  const n = c.name(suffixName(section));
  if (n.ok) return n.value;
  problems.error(`${section.file}:${section.line}: ${n.error}`);
  return suffixName(section);
}

export function readGroups(doc: IniDocument, problems: Problems, ctx: ValidateContext, env: Names): GroupConfig[] {
  const sections = [...doc.sections.values()];
  const ofKind = (kind: string): Map<string, IniSection> =>
    new Map(sections.filter((s) => sectionKind(s.name) === kind).map((s) => [suffixName(s), s]));
  const programs = ofKind('program');
  const fcgi = ofKind('fcgi-program');
  const grouped = new Set<string>();
  const groups: GroupConfig[] = [];
  for (const section of ofKind('group').values()) {
    const name = checkedName(section, problems);
    const r = new SectionReader(doc, section, problems, { suffix: '', names: env, here: true });
    if (!r.has('programs')) {
      r.warn(`${section.file}:${section.line}: [${section.name}] has no programs= line; the group is empty`);
    }
    const members = r.value('programs', GROUP_DEFAULTS.programs, c.listOfStrings, []);
    const processes: ProcessConfig[] = [];
    for (const member of members) {
      const program = programs.get(member);
      if (program !== undefined && fcgi.has(member)) {
        r.fail('programs', `[${section.name}] name ${member} is ambiguous (exists as program and fcgi-program)`);
      } else if (program === undefined && !fcgi.has(member)) {
        r.fail('programs', `[${section.name}] names unknown program or fcgi-program ${member}`);
      } else if (program !== undefined) {
        grouped.add(member);
        processes.push(...readProgram(doc, program, problems, ctx, env, checkedName(program, problems), name).processes);
      }
    }
    const priority = r.value('priority', GROUP_DEFAULTS.priority, c.integer, 999);
    groups.push({ name, priority, processes, where: r.where() });
  }
  for (const [member, section] of programs) {
    if (grouped.has(member)) continue;
    const name = checkedName(section, problems);
    const program = readProgram(doc, section, problems, ctx, env, name, name);
    const processes = [...program.processes].sort(byPriorityName);
    groups.push({ name, priority: program.priority, processes, where: { file: section.file, line: section.line } });
  }
  const order = sections.map((sec) => `${sec.file}:${sec.line}`);
  const inDocOrder = [...groups].sort(
    (a, b) => order.indexOf(`${a.where.file}:${a.where.line}`) - order.indexOf(`${b.where.file}:${b.where.line}`),
  );
  checkUnique(inDocOrder, problems);
  return groups.sort(byPriorityName);
}

/** supervisord would keep only one of two groups (or processes) of the same name, silently.
 * groups come in document order, so the later definition is the one reported. */
function checkUnique(groups: readonly GroupConfig[], problems: Problems): void {
  const seen = new Map<string, GroupConfig>();
  for (const g of groups) {
    const first = seen.get(g.name);
    if (first !== undefined) {
      problems.error(
        `${g.where.file}:${g.where.line}: process group name '${g.name}' is already used by the group ` +
          `defined at ${first.where.file}:${first.where.line}`,
      );
    }
    seen.set(g.name, g);
    // within one program, names differ by process_num (checked in validate-program.ts)
    const programOf = new Map<string, string>();
    for (const p of g.processes) {
      const other = programOf.get(p.name);
      if (other !== undefined && other !== p.program_name) {
        problems.error(
          `${p.where.file}:${p.where.line}: process name '${p.name}' of [program:${p.program_name}] is already ` +
            `used in group '${g.name}' by [program:${other}]`,
        );
      }
      programOf.set(p.name, p.program_name);
    }
  }
}
