// [include] files= (spec §2.10): whitespace-separated globs joined to the main file's directory,
// each glob's matches read in sorted order into the same document; includes do not nest.

import { expand, withNames, type Names } from './expand';
import { glob, type GlobFs } from '../python/glob';
import { lookup, parseIniInto, type IniDocument } from './ini';
import { pyDirname, pyJoin } from '../python/builtins';
import type { Problems } from './reader';

export interface IncludeFs extends GlobFs {
  /** the text of a file, or null when it cannot be read (a directory, no permission...) */
  readFile(path: string): string | null;
}

/**
 * Read the files named by the main file's [include] into doc. names are the expansions of
 * include.files (ENV_, host_node_name); 'here' is the main file's directory.
 */
export function readIncludes(doc: IniDocument, mainFile: string, problems: Problems, names: Names, fs: IncludeFs): void {
  const section = doc.sections.get('include');
  if (section === undefined) return;
  const entry = lookup(doc, section, 'files');
  if (entry === undefined) {
    problems.error(`${section.file}:${section.line}: .ini file has [include] section, but no files setting`);
    return;
  }
  const base = pyDirname(mainFile);
  const files = expand(entry.value, withNames(names, { here: pyDirname(entry.file) }), 'include.files');
  if (!files.ok) {
    problems.error(`${entry.file}:${entry.line}: ${files.error}`);
    return;
  }
  for (const part of files.value.split(/\s+/).filter((p) => p !== '')) {
    const pattern = pyJoin(base, part);
    const matches = glob(pattern, fs).sort();
    if (matches.length === 0) problems.message('WARN', `No file matches via include "${pattern}"`);
    for (const file of matches) {
      problems.message('INFO', `Included extra file "${file}" during parsing`);
      readOne(doc, file, problems, fs);
    }
  }
}

function readOne(doc: IniDocument, file: string, problems: Problems, fs: IncludeFs): void {
  const text = fs.readFile(file);
  if (text === null) {
    // supervisord skips such a file without a word
    problems.message('WARN', `could not read included file "${file}"; it is ignored`);
    return;
  }
  for (const e of parseIniInto(doc, text, file)) problems.error(e);
  const nested = doc.sections.get('include');
  for (const e of nested?.entries.values() ?? []) {
    if (e.file === file) {
      problems.message('WARN', `${e.file}:${e.line}: [include] in an included file is ignored (includes do not nest)`);
    }
  }
}
