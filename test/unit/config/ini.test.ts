// The ConfigParser-compatible INI reader (spec §2.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIniDocument, lookup, parseIniInto, type IniDocument } from '../../../src/config/ini';

function parse(text: string, file = '/f.conf'): { doc: IniDocument; errors: string[] } {
  const doc = createIniDocument();
  return { doc, errors: parseIniInto(doc, text, file) };
}

function values(doc: IniDocument, section: string): Record<string, string> {
  const s = doc.sections.get(section);
  assert.ok(s, `no section ${section}`);
  return Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]));
}

test('key = value and key: value; the first delimiter splits; keys lower-cased; quotes kept', () => {
  const { doc, errors } = parse('[s]\nA = 1\nb: 2\nc=x:y=z\nd: a=b\nQ="quoted" \n');
  assert.deepEqual(errors, []);
  assert.deepEqual(values(doc, 's'), { a: '1', b: '2', c: 'x:y=z', d: 'a=b', q: '"quoted"' });
});

test('section names are case-sensitive and not trimmed', () => {
  const { doc } = parse('[Prog]\na=1\n[prog]\na=2\n[ x ]\na=3\n');
  assert.deepEqual([...doc.sections.keys()], ['Prog', 'prog', ' x ']);
});

test('full-line comments with ; and #, also indented', () => {
  const { doc, errors } = parse('; top\n[s]\n# c\na=1\n   ; indented\n  # too\nb=2\n');
  assert.deepEqual(errors, []);
  assert.deepEqual(values(doc, 's'), { a: '1', b: '2' });
});

test('inline comments only after whitespace; quotes do not protect', () => {
  const { doc } = parse("[s]\na=b;c\nb=b ;c\nc=b #c\nd=x#y\ne=sh -c 'x ; y'\nf=\tz\t;tab\n");
  assert.deepEqual(values(doc, 's'), { a: 'b;c', b: 'b', c: 'b', d: 'x#y', e: "sh -c 'x", f: 'z' });
});

test("inline comments follow ConfigParser's rounds: the first qualifying prefix of a round wins", () => {
  // round 1 sees ';' at 6 (no whitespace before) and '#' at 9 (after a space): the value ends at 9,
  // although the second ';' (after a space, at 12) would not have been reached anyway
  const { doc } = parse('[s]\nk=echo a;b #c ;d\nm=a;b ;c#d\n');
  assert.deepEqual(values(doc, 's'), { k: 'echo a;b', m: 'a;b' });
});

test('continuation lines are joined with \\n; blank lines inside kept, trailing ones dropped', () => {
  const { doc } = parse('[s]\ncmd = one\n  two\n\n\tthree\n\n\nnext=1\nlast=x\n   y\n\n');
  assert.deepEqual(values(doc, 's'), { cmd: 'one\ntwo\n\nthree', next: '1', last: 'x\ny' });
});

test('a comment line does not end a value; the continuation goes on', () => {
  const { doc } = parse('[s]\na=1\n; note\n  2\n');
  assert.deepEqual(values(doc, 's'), { a: '1\n2' });
});

test('an indented line right after a header is a normal line, and an indented [x] after a key is a continuation', () => {
  const { doc } = parse('[s]\n  a=1\n    [t]\nb=2\n');
  assert.deepEqual(values(doc, 's'), { a: '1\n[t]', b: '2' });
  assert.equal(doc.sections.has('t'), false);
});

test('every key knows its file and line; continuation keeps the key line', () => {
  const { doc } = parse('[s]\n\na=1\n  more\nb=2\n', '/etc/x.conf');
  const s = doc.sections.get('s');
  assert.ok(s);
  assert.deepEqual(s.entries.get('a'), { value: '1\nmore', file: '/etc/x.conf', line: 3 });
  assert.equal(s.entries.get('b')?.line, 5);
  assert.deepEqual([s.file, s.line], ['/etc/x.conf', 1]);
});

test('duplicate sections merge; repeated keys: last wins, also across files', () => {
  const doc = createIniDocument();
  parseIniInto(doc, '[s]\na=1\nb=1\n[t]\n[s]\nb=2\n', '/one.conf');
  parseIniInto(doc, '[s]\nc=3\na=4\n', '/two.conf');
  assert.deepEqual(values(doc, 's'), { a: '4', b: '2', c: '3' });
  const s = doc.sections.get('s');
  assert.deepEqual([s?.file, s?.line], ['/one.conf', 1]);
  assert.deepEqual(s?.entries.get('a'), { value: '4', file: '/two.conf', line: 3 });
  assert.deepEqual([...doc.sections.keys()], ['s', 't']);
});

test('[DEFAULT] keys are inherited by every section, own keys win', () => {
  const { doc } = parse('[DEFAULT]\nautostart=false\nx=d\n[a]\nx=own\n[b]\n');
  const a = doc.sections.get('a');
  const b = doc.sections.get('b');
  assert.ok(a && b);
  assert.equal(lookup(doc, a, 'x')?.value, 'own');
  assert.equal(lookup(doc, b, 'x')?.value, 'd');
  assert.equal(lookup(doc, b, 'autostart')?.value, 'false');
  assert.equal(doc.sections.has('DEFAULT'), false);
});

test('a line without delimiter is reported with file:line, and parsing goes on', () => {
  const { doc, errors } = parse('[s]\na=1\njustakey\n=novalue\nb=2\n[]\n', '/c.conf');
  assert.deepEqual(errors, [
    "/c.conf:3: Source contains parsing errors: 'justakey'",
    "/c.conf:4: Source contains parsing errors: '=novalue'",
    "/c.conf:6: Source contains parsing errors: '[]'",
  ]);
  assert.deepEqual(values(doc, 's'), { a: '1', b: '2' });
});

test('content before the first header is one error; the rest is still read', () => {
  const { doc, errors } = parse('foo=bar\nbaz=1\n[s]\na=1\n', '/c.conf');
  assert.deepEqual(errors, ["/c.conf:1: File contains no section headers. 'foo=bar'"]);
  assert.deepEqual(values(doc, 's'), { a: '1' });
});

test('a header may carry a comment; text after ] is ignored', () => {
  const { doc } = parse('[s] ; the s section\na=1\n[t]junk\n');
  assert.deepEqual([...doc.sections.keys()], ['s', 't']);
});

test('CRLF line ends and a BOM are accepted', () => {
  const { doc, errors } = parse('\uFEFF[s]\r\na=1\r\n  2\r\n');
  assert.deepEqual(errors, []);
  assert.deepEqual(values(doc, 's'), { a: '1\n2' });
});

test('an empty value is allowed', () => {
  const { doc } = parse('[s]\na=\nb =  \n');
  assert.deepEqual(values(doc, 's'), { a: '', b: '' });
});
