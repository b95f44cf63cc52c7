// A ConfigParser-compatible INI reader (Python 3 RawConfigParser as supervisord configures it:
// '=' and ':' delimiters, ';'/'#' comments, inline comments only after whitespace, indented
// continuation lines, [DEFAULT], non-strict: duplicate sections merge and the last key wins).
// Pure: text in, sections with a file:line for every key out.

import { pyRepr } from './python';

export interface IniEntry {
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

export interface IniSection {
  readonly name: string;
  /** where the section header first appeared */
  readonly file: string;
  readonly line: number;
  /** the section's own keys (lower-cased), in first-seen order */
  readonly entries: Map<string, IniEntry>;
}

export interface IniDocument {
  /** in first-seen order; [DEFAULT] is not among them */
  readonly sections: Map<string, IniSection>;
  readonly defaults: IniSection;
}

export const DEFAULT_SECTION = 'DEFAULT';

export function createIniDocument(): IniDocument {
  return { sections: new Map(), defaults: { name: DEFAULT_SECTION, file: '', line: 0, entries: new Map() } };
}

/** A key's value as the section sees it: its own, else the [DEFAULT] one. */
export function lookup(doc: IniDocument, section: IniSection, key: string): IniEntry | undefined {
  return section.entries.get(key) ?? doc.defaults.entries.get(key);
}

/** The first ';' or '#' at the start of the line or after whitespace (ConfigParser's rounds). */
function inlineCommentStart(line: string): number | null {
  let positions = new Map<string, number>([[';', -1], ['#', -1]]);
  let found = Infinity;
  while (found === Infinity && positions.size > 0) {
    const next = new Map<string, number>();
    for (const [prefix, from] of positions) {
      const index = line.indexOf(prefix, from + 1);
      if (index === -1) continue;
      next.set(prefix, index);
      if (index === 0 || /\s/.test(line[index - 1] ?? '')) found = Math.min(found, index);
    }
    positions = next;
  }
  return found === Infinity ? null : found;
}

interface Pending {
  readonly section: IniSection;
  readonly key: string;
  readonly line: number;
  readonly parts: string[];
}

/**
 * Parse one file's text into doc (merging with what is there). Returns the errors, each as
 * `file:line: message`. Parsing goes on after an error so that every bad line is reported.
 */
export function parseIniInto(doc: IniDocument, text: string, file: string): string[] {
  const errors: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let current: IniSection | null = null;
  let pending: Pending | null = null;
  let indentLevel = 0;
  let reportedNoHeader = false;

  const store = (p: Pending): void => {
    const value = p.parts.join('\n').replace(/\s+$/, '');
    p.section.entries.set(p.key, { value, file, line: p.line });
  };

  lines.forEach((raw, i) => {
    const lineno = i + 1;
    const trimmed = raw.trim();
    const fullComment = trimmed.startsWith(';') || trimmed.startsWith('#');
    const commentStart = fullComment ? 0 : inlineCommentStart(raw);
    const value = (commentStart === null ? raw : raw.slice(0, commentStart)).trim();
    if (value === '') {
      // a blank line inside a value is kept (dropped again if nothing follows); comments are not
      if (commentStart === null && pending !== null) {
        pending.parts.push('');
        store(pending);
      }
      return;
    }
    const indent = raw.search(/\S/);
    if (current !== null && pending !== null && indent > indentLevel) {
      pending.parts.push(value);
      store(pending);
      return;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/s.exec(value);
    if (header !== null) {
      const name = header[1] ?? '';
      current = sectionFor(doc, name, file, lineno);
      pending = null;
      return;
    }
    if (current === null) {
      if (!reportedNoHeader) errors.push(`${file}:${lineno}: File contains no section headers. ${pyRepr(trimmed)}`);
      reportedNoHeader = true;
      return;
    }
    const option = /^(.*?)\s*[=:]\s*(.*)$/s.exec(value);
    const key = (option?.[1] ?? '').trimEnd().toLowerCase();
    if (option === null || key === '') {
      errors.push(`${file}:${lineno}: Source contains parsing errors: ${pyRepr(trimmed)}`);
      if (option !== null) pending = null;
      return;
    }
    pending = { section: current, key, line: lineno, parts: [(option[2] ?? '').trim()] };
    store(pending);
  });
  return errors;
}

function sectionFor(doc: IniDocument, name: string, file: string, line: number): IniSection {
  if (name === DEFAULT_SECTION) return doc.defaults;
  const existing = doc.sections.get(name);
  if (existing !== undefined) return existing;
  const created: IniSection = { name, file, line, entries: new Map() };
  doc.sections.set(name, created);
  return created;
}
