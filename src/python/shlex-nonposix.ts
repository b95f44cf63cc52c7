// Python's shlex.shlex(s) with posix=False, the tokeniser supervisord 4.2.5 reads environment=
// values with (config/envlist.ts). The POSIX flavour, for commands, is shlex.ts. Pure.

import { fail, ok, type Conv } from './builtins';

const WORD = /^[A-Za-z0-9_/.+\-():]$/;
const SPACE = /^[ \t\r\n]$/;

export interface Token {
  readonly text: string;
  /** a word or a quoted string (as opposed to a one-character punctuation token) */
  readonly wordy: boolean;
  readonly quoted: boolean;
}

export interface Tokens {
  readonly tokens: Token[];
  /** an unquoted '#' started a shlex comment that swallowed the rest of a line */
  readonly comment: boolean;
}

/** Python shlex.shlex(s) (posix=False) with wordchars += '/.+-():'. */
export function shlexNonPosix(s: string): Conv<Tokens> {
  const tokens: Token[] = [];
  let comment = false;
  let i = 0;
  const skipLine = (): void => {
    const nl = s.indexOf('\n', i);
    i = nl === -1 ? s.length : nl + 1;
    comment = true;
  };
  for (;;) {
    let text = '';
    let state = ' ';
    let quoted = false;
    for (;;) {
      const ch = s[i];
      i += 1;
      if (state === ' ') {
        if (ch === undefined) break;
        if (SPACE.test(ch)) continue;
        if (ch === '#') skipLine();
        else if (WORD.test(ch)) [text, state] = [ch, 'a'];
        else if (ch === '"' || ch === "'") [text, state, quoted] = [ch, ch, true];
        else {
          text = ch;
          break;
        }
      } else if (state === 'a') {
        if (ch === undefined) break;
        if (SPACE.test(ch)) break;
        if (ch === '#') skipLine();
        else if (WORD.test(ch) || ch === '"' || ch === "'") text += ch;
        else {
          i -= 1;
          break;
        }
      } else {
        if (ch === undefined) return fail('No closing quotation');
        text += ch;
        if (ch === state) break;
      }
    }
    if (text === '') return ok({ tokens, comment });
    tokens.push({ text, wordy: state !== ' ', quoted });
  }
}
