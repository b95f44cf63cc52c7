// A ConfigParser-compatible INI reader (Python 3 RawConfigParser as supervisord configures it:
// '=' and ':' delimiters, ';'/'#' comments, inline comments only after whitespace, indented
// continuation lines, [DEFAULT], non-strict: duplicate sections merge and the last key wins).
// Pure: text in, sections with a file:line for every key out.

import { pyRepr } from '../python/builtins';

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

/** The state of reading one file: the current section, the key being continued, the indent. */
class FileReader {
  readonly errors: string[] = [];
  private current: IniSection | null = null;
  private pending: Pending | null = null;
  private indentLevel = 0;
  private reportedNoHeader = false;

  constructor(
    private readonly doc: IniDocument,
    private readonly file: string,
  ) {}

  line(raw: string, lineno: number): void {
    const trimmed = raw.trim();
    const fullComment = trimmed.startsWith(';') || trimmed.startsWith('#');
    const commentStart = fullComment ? 0 : inlineCommentStart(raw);
    const value = (commentStart === null ? raw : raw.slice(0, commentStart)).trim();
    if (value === '') {
      // a blank line inside a value is kept (dropped again if nothing follows); comments are not
      if (commentStart === null) this.extend('');
      return;
    }
    const indent = raw.search(/\S/);
    if (this.pending !== null && indent > this.indentLevel) {
      this.extend(value);
      return;
    }
    this.indentLevel = indent;
    this.statement(value, trimmed, lineno);
  }

  /** a header, or key=value, at the start of a logical line */
  private statement(value: string, trimmed: string, lineno: number): void {
    const header = /^\[(.+)\]/s.exec(value);
    if (header !== null) {
      this.current = sectionFor(this.doc, header[1] ?? '', this.file, lineno);
      this.pending = null;
      return;
    }
    if (this.current === null) {
      if (!this.reportedNoHeader) this.error(lineno, `File contains no section headers. ${pyRepr(trimmed)}`);
      this.reportedNoHeader = true;
      return;
    }
    const option = /^(.*?)\s*[=:]\s*(.*)$/s.exec(value);
    const key = (option?.[1] ?? '').trimEnd().toLowerCase();
    if (option === null || key === '') {
      this.error(lineno, `Source contains parsing errors: ${pyRepr(trimmed)}`);
      if (option !== null) this.pending = null;
      return;
    }
    this.pending = { section: this.current, key, line: lineno, parts: [(option[2] ?? '').trim()] };
    this.store(this.pending);
  }

  private extend(text: string): void {
    if (this.pending === null) return;
    this.pending.parts.push(text);
    this.store(this.pending);
  }

  private store(p: Pending): void {
    const value = p.parts.join('\n').replace(/\s+$/, '');
    p.section.entries.set(p.key, { value, file: this.file, line: p.line });
  }

  private error(lineno: number, message: string): void {
    this.errors.push(`${this.file}:${lineno}: ${message}`);
  }
}

/**
 * Parse one file's text into doc (merging with what is there). Returns the errors, each as
 * `file:line: message`. Parsing goes on after an error so that every bad line is reported.
 */
export function parseIniInto(doc: IniDocument, text: string, file: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const reader = new FileReader(doc, file);
  lines.forEach((raw, i) => reader.line(raw, i + 1));
  return reader.errors;
}

function sectionFor(doc: IniDocument, name: string, file: string, line: number): IniSection {
  if (name === DEFAULT_SECTION) return doc.defaults;
  const existing = doc.sections.get(name);
  if (existing !== undefined) return existing;
  const created: IniSection = { name, file, line, entries: new Map() };
  doc.sections.set(name, created);
  return created;
}
