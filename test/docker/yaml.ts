// A YAML reader for the subset our docker-compose.yml and Kubernetes manifests use, so that they
// can be checked without a YAML package: block mappings and sequences (including `- key: value`
// items), plain and quoted scalars, flow sequences of scalars, `{}` and `[]`, comments.
// Anything else (anchors, tags, block scalars, flow mappings with content, tabs) is an error,
// so a file that grows past the subset fails its test instead of being misread.

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  readonly no: number;
  readonly indent: number;
  readonly text: string;
}

class YamlError extends Error {
  constructor(no: number, msg: string) {
    super(`line ${no}: ${msg}`);
  }
}

/** the text before a comment (a `#` at the start or after a space, outside quotes) */
function stripComment(s: string): string {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote !== null) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || s[i - 1] === ' ')) {
      return s.slice(0, i);
    }
  }
  return s;
}

/** index of the `:` that separates a key from its value (followed by a space or the end), or -1 */
function keyColon(s: string): number {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote !== null) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if ((ch === '"' || ch === "'") && i === 0) {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      return -1;
    } else if (ch === ':' && (i === s.length - 1 || s[i + 1] === ' ')) {
      return i;
    }
  }
  return -1;
}

function splitFlow(body: string, no: number): string[] {
  const items: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quote !== null) {
      cur += ch;
      if (ch === '\\' && quote === '"') cur += body[++i] ?? '';
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      items.push(cur.trim());
      cur = '';
    } else if ('[]{}'.includes(ch)) {
      throw new YamlError(no, 'nested flow collections are not supported');
    } else {
      cur += ch;
    }
  }
  if (quote !== null) throw new YamlError(no, 'unterminated quote');
  if (cur.trim() !== '') items.push(cur.trim());
  return items;
}

function scalar(raw: string, no: number): Yaml {
  const s = raw.trim();
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new YamlError(no, `bad double-quoted scalar ${s}`);
    return JSON.parse(s) as string;
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new YamlError(no, `bad single-quoted scalar ${s}`);
    return s.slice(1, -1).replaceAll("''", "'");
  }
  if (s === '[]') return [];
  if (s === '{}') return {};
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new YamlError(no, `bad flow sequence ${s}`);
    return splitFlow(s.slice(1, -1), no).map((item) => scalar(item, no));
  }
  if (/^[&*!|>{%@`]/.test(s)) throw new YamlError(no, `unsupported YAML: ${s}`);
  if (s === '' || s === '~' || s === 'null') return null;
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (/^(yes|no|on|off)$/i.test(s)) throw new YamlError(no, `ambiguous boolean ${s} (YAML 1.1): quote it`);
  if (/^[-+]?(0|[1-9]\d*)$/.test(s)) return Number(s);
  if (/^0\d+$/.test(s) || /^\d+(:\d+)+$/.test(s)) throw new YamlError(no, `ambiguous number ${s} (octal or base 60 in YAML 1.1): quote it`);
  if (/^[-+]?\d*\.\d+$/.test(s)) return Number(s);
  return s;
}

function parseBlock(lines: Line[], pos: { i: number }, indent: number): Yaml {
  const first = lines[pos.i];
  if (first === undefined) return null;
  return first.text === '-' || first.text.startsWith('- ') ? parseSeq(lines, pos, indent) : parseMap(lines, pos, indent);
}

/** the value after `key:` or `-`: nested block, a sequence at the key's own indent, or null */
function nested(lines: Line[], pos: { i: number }, indent: number, seqAtSameIndent: boolean): Yaml {
  const next = lines[pos.i];
  if (next === undefined) return null;
  if (next.indent > indent) return parseBlock(lines, pos, next.indent);
  if (seqAtSameIndent && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) return parseSeq(lines, pos, indent);
  return null;
}

function parseSeq(lines: Line[], pos: { i: number }, indent: number): Yaml[] {
  const out: Yaml[] = [];
  for (let line = lines[pos.i]; line !== undefined && line.indent === indent && (line.text === '-' || line.text.startsWith('- ')); line = lines[pos.i]) {
    const rest = line.text === '-' ? '' : line.text.slice(2);
    const restIndent = indent + 2 + (rest.length - rest.trimStart().length);
    if (rest.trim() === '') {
      pos.i++;
      out.push(nested(lines, pos, indent, false));
    } else if (keyColon(rest.trim()) > 0) {
      // `- key: value`: a mapping whose first line starts after the dash
      lines[pos.i] = { no: line.no, indent: restIndent, text: rest.trim() };
      out.push(parseMap(lines, pos, restIndent));
    } else {
      pos.i++;
      out.push(scalar(rest, line.no));
    }
  }
  return out;
}

function parseMap(lines: Line[], pos: { i: number }, indent: number): { [key: string]: Yaml } {
  const out: { [key: string]: Yaml } = {};
  for (let line = lines[pos.i]; line !== undefined && line.indent === indent; line = lines[pos.i]) {
    if (line.text === '-' || line.text.startsWith('- ')) throw new YamlError(line.no, 'a sequence item where a key was expected');
    const c = keyColon(line.text);
    if (c <= 0) throw new YamlError(line.no, `expected "key: value", got ${JSON.stringify(line.text)}`);
    const key = scalar(line.text.slice(0, c), line.no);
    if (typeof key !== 'string' && typeof key !== 'number') throw new YamlError(line.no, 'unsupported key');
    if (Object.hasOwn(out, String(key))) throw new YamlError(line.no, `duplicate key ${key}`);
    const rest = line.text.slice(c + 1).trim();
    pos.i++;
    out[String(key)] = rest === '' ? nested(lines, pos, indent, true) : scalar(rest, line.no);
  }
  const stray = lines[pos.i];
  if (stray !== undefined && stray.indent > indent) throw new YamlError(stray.no, 'unexpected indentation');
  return out;
}

/** Parse one YAML document of the supported subset; throws `line N: …` on anything else. */
export function parseYaml(text: string): Yaml {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, idx) => {
    if (/^\s*\t/.test(raw)) throw new YamlError(idx + 1, 'tab in indentation');
    const body = stripComment(raw).trimEnd();
    if (body.trim() === '') return;
    if (body === '---' || body === '...') throw new YamlError(idx + 1, 'several documents are not supported');
    lines.push({ no: idx + 1, indent: body.length - body.trimStart().length, text: body.trim() });
  });
  const pos = { i: 0 };
  const doc = lines.length === 0 ? null : parseBlock(lines, pos, lines[0]?.indent ?? 0);
  const left = lines[pos.i];
  if (left !== undefined) throw new YamlError(left.no, `unexpected ${JSON.stringify(left.text)}`);
  return doc;
}
