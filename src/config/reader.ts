// Reading typed values out of one INI section: the raw text (own key, else [DEFAULT]), its
// %(name)s expansion with 'here' = the directory of the file the key came from, the converter,
// and every problem recorded as `file:line: message<suffix>`. Pure.

import { expand, withNames, type Names } from './expand';
import { lookup, type IniDocument, type IniEntry, type IniSection } from './ini';
import { pyDirname, pyRepr, type Conv } from '../python/builtins';
import type { ConfigMessage, SourceRef } from './types';

/** Errors (deduplicated, in order) and log messages collected while validating. */
export class Problems {
  private readonly errorSet = new Set<string>();
  readonly messages: ConfigMessage[] = [];

  error(text: string): void {
    this.errorSet.add(text);
  }

  message(level: ConfigMessage['level'], text: string): void {
    if (!this.messages.some((m) => m.level === level && m.text === text)) this.messages.push({ level, text });
  }

  get errors(): readonly string[] {
    return [...this.errorSet];
  }
}

export interface ReaderOptions {
  /** appended to every error, e.g. " in section 'program:x' (file: '/etc/s.conf')" */
  readonly suffix: string;
  /** names for expansion; 'here' is added per key unless here is false */
  readonly names: Names;
  readonly here: boolean;
  /** record problems as WARN messages instead of errors */
  readonly warnOnly?: boolean;
}

export interface ReadOptions {
  /** null: take the text as it is; default: the reader's names */
  readonly names?: Names | null;
  /** the name in expansion errors; default 'section.key' */
  readonly label?: string;
  /** false: no 'here' for this key */
  readonly here?: boolean;
}

export class SectionReader {
  constructor(
    private readonly doc: IniDocument,
    readonly section: IniSection,
    private readonly problems: Problems,
    private readonly opts: ReaderOptions,
  ) {}

  entry(key: string): IniEntry | undefined {
    return lookup(this.doc, this.section, key);
  }

  has(key: string): boolean {
    return this.entry(key) !== undefined;
  }

  /** where key is set, else where the section starts */
  where(key?: string): SourceRef {
    const e = key === undefined ? undefined : this.entry(key);
    return e ? { file: e.file, line: e.line } : { file: this.section.file, line: this.section.line };
  }

  fail(key: string | null, message: string): void {
    const at = this.where(key ?? undefined);
    const text = `${at.file}:${at.line}: ${message}${this.opts.suffix}`;
    if (this.opts.warnOnly) this.problems.message('WARN', text);
    else this.problems.error(text);
  }

  /** a WARN message for the main log (not tied to a line: supervisord's own texts) */
  warn(text: string): void {
    this.problems.message('WARN', text);
  }

  /** the text of key (expanded), dflt when unset; null when unset without default or on error */
  text(key: string, dflt: string | null, o: ReadOptions = {}): string | null {
    const e = this.entry(key);
    if (e === undefined) return dflt;
    if (o.names === null) return e.value;
    const base = o.names ?? this.opts.names;
    const names = (o.here ?? this.opts.here) ? withNames(base, { here: pyDirname(e.file) }) : base;
    const r = expand(e.value, names, o.label ?? `${this.section.name}.${key}`);
    if (r.ok) return r.value;
    this.fail(key, r.error);
    return null;
  }

  /** key converted (dflt when unset); fallback when unset without default or invalid */
  value<T>(key: string, dflt: string | null, conv: (v: string) => Conv<T>, fallback: T, o: ReadOptions = {}): T {
    const got = this.optional(key, dflt, conv, o);
    return got === null ? fallback : got;
  }

  /** key converted, dflt when unset; null when unset without default or invalid */
  optional<T>(key: string, dflt: string | null, conv: (v: string) => Conv<T>, o: ReadOptions = {}): T | null {
    const raw = this.text(key, dflt, o);
    if (raw === null) return null;
    const r = conv(raw);
    if (r.ok) return r.value;
    this.fail(key, r.error);
    return null;
  }
}

/** supervisord's suffix for errors in program-like sections. */
export function sectionSuffix(section: IniSection): string {
  return ` in section ${pyRepr(section.name)} (file: ${pyRepr(section.file)})`;
}
