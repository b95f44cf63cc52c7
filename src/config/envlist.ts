// environment= values (spec §2.3): KEY=val,KEY2="v 2". supervisord 4.2.5 tokenises them with
// Python's non-POSIX shlex and reads tokens in fours (key, '=', value, separator). We copy that,
// except where it would drop data without a word (see the README). Pure.

import { fail, ok, pyRepr, type Conv } from '../python/builtins';
import { shlexNonPosix, type Token } from '../python/shlex-nonposix';

/** The value of a token: a quoted one loses its own quotes; others lose edge quotes (4.2.5). */
function tokenValue(t: Token): string {
  if (t.quoted) return t.text.slice(1, -1);
  return t.text.replace(/^['"]+|['"]+$/g, '');
}

/** Parse KEY=val,KEY2="v 2" into an object (keys keep their case; last one wins). */
export function parseEnvironment(arg: string): Conv<Readonly<Record<string, string>>> {
  const lexed = shlexNonPosix(arg);
  if (!lexed.ok) return lexed;
  const { tokens } = lexed.value;
  if (lexed.value.comment) {
    return fail(`an unquoted '#' starts a comment in value '${arg}' and would drop the rest; quote the value`);
  }
  const env: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 4) {
    const [key, eq, value, sep] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (key === undefined || eq === undefined || value === undefined || eq.text !== '=') {
      return fail(`Unexpected end of key/value pairs in value '${arg}'`);
    }
    if (sep !== undefined && sep.wordy) {
      const what = `Unexpected ${pyRepr(sep.text)} after the value of ${key.text}`;
      return fail(`${what} in value '${arg}' (it would be dropped); quote the value`);
    }
    Object.defineProperty(env, key.text, { value: tokenValue(value), enumerable: true, writable: true, configurable: true });
  }
  return ok(env);
}
