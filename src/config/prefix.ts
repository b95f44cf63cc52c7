// console_prefix: how a line that goes to the container console is labelled (tend's own key,
// in [supervisord] for every program and in [program:x] for one). A template of literal text
// and {fields}; `none`/`off`/`false` or an empty value turns the prefix off.

import { fail, ok, type Conv } from '../python/builtins';

export const PREFIX_FIELDS = ['name', 'program', 'group', 'stream', 'pid', 'time'] as const;
export type PrefixField = (typeof PREFIX_FIELDS)[number];

export type PrefixPart = { readonly text: string } | { readonly field: PrefixField };

/** null: no prefix */
export type PrefixTemplate = readonly PrefixPart[] | null;

export const DEFAULT_CONSOLE_PREFIX = '{name} |';

function isField(s: string): s is PrefixField {
  return (PREFIX_FIELDS as readonly string[]).includes(s);
}

export function consolePrefix(v: string): Conv<PrefixTemplate> {
  const t = v.trim();
  if (t === '' || ['none', 'off', 'false'].includes(t.toLowerCase())) return ok(null);
  const parts: PrefixPart[] = [];
  let text = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i] as string;
    if (ch === '{' && t[i + 1] === '{') { text += '{'; i++; continue; }
    if (ch === '}' && t[i + 1] === '}') { text += '}'; i++; continue; }
    if (ch === '}') return fail(`unmatched '}' in console_prefix ${JSON.stringify(v)} (write '}}' for a brace)`);
    if (ch !== '{') { text += ch; continue; }
    const end = t.indexOf('}', i);
    if (end < 0) return fail(`unclosed '{' in console_prefix ${JSON.stringify(v)}`);
    const name = t.slice(i + 1, end);
    if (!isField(name)) {
      return fail(`unknown field {${name}} in console_prefix ${JSON.stringify(v)} (known: ${PREFIX_FIELDS.map((f) => `{${f}}`).join(' ')})`);
    }
    if (text !== '') parts.push({ text });
    text = '';
    parts.push({ field: name });
    i = end;
  }
  if (text !== '') parts.push({ text });
  return ok(parts);
}
