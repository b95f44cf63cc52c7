// POSIX shell-like splitting of a program's command, as Python's shlex.split(s) does it
// (posix=True, no comments): whitespace separates words; '...' keeps everything literally;
// "..." keeps everything but lets a backslash escape `"` and `\`; outside quotes a backslash
// escapes any character; quotes join with adjacent text (a"b c"d -> 'ab cd'); '' is an empty word.

export type SplitResult =
  | { readonly ok: true; readonly argv: string[] }
  /** Python's message: 'No closing quotation' or 'No escaped character' */
  | { readonly ok: false; readonly error: string };

const WHITESPACE = ' \t\r\n';

export function shlexSplit(text: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false; // a word has started (possibly empty, from quotes)
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < text.length && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else if (c === '\\' && i + 1 >= text.length) return { ok: false, error: 'No escaped character' };
      else word += c;
    } else if (WHITESPACE.includes(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\') {
        if (i + 1 >= text.length) return { ok: false, error: 'No escaped character' };
        word += text[++i];
      } else word += c;
    }
  }
  if (quote !== '') return { ok: false, error: 'No closing quotation' };
  if (inWord) argv.push(word);
  return { ok: true, argv };
}
