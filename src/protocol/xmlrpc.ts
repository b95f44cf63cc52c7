// XML-RPC codec. Output is byte-for-byte what supervisord 4.2.5 (Python's xmlrpc.client)
// sends: `<?xml version='1.0'?>`, one element per line, `<int>`/`<boolean>`/`<string>`/
// `<double>`/`<array>`/`<struct>` and no `<nil/>`. Input is read leniently, as supervisord
// reads it: an untyped `<value>x</value>` is a string, `<params>` may be missing.

import { elements, parseXml, textOf, XmlParseError, type XmlElement } from './xml';

export { XmlParseError } from './xml';

/** A float that must be sent as `<double>` even when it has no fraction. */
export class XmlRpcDouble {
  constructor(readonly value: number) {}
}

export type XmlRpcValue = string | number | boolean | XmlRpcDouble | readonly XmlRpcValue[] | XmlRpcStruct;

/** A struct; member order on the wire is the key order. */
export type XmlRpcStruct = { readonly [key: string]: XmlRpcValue };

export interface MethodCall {
  readonly methodName: string;
  readonly params: readonly XmlRpcValue[];
}

export interface FaultValue {
  readonly faultCode: number;
  readonly faultString: string;
}

export type MethodResponse =
  | { readonly ok: true; readonly value: XmlRpcValue }
  | { readonly ok: false; readonly fault: FaultValue };

// ---- encoding ---------------------------------------------------------------------------

/** Python's xml escape for text: only &, < and >. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** repr() of a Python float: shortest digits, fixed for 1e-4 <= |x| < 1e16, else exponent. */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const sign = n < 0 ? '-' : '';
  const [mant, expText] = Math.abs(n).toExponential().split('e');
  const exp = Number(expText);
  const digits = mant.replace('.', '');
  if (exp < -4 || exp >= 16) {
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1) || '0';
  return `${sign}${intPart}.${frac}`;
}

function isStruct(v: XmlRpcValue): v is XmlRpcStruct {
  return typeof v === 'object' && !Array.isArray(v) && !(v instanceof XmlRpcDouble);
}

/** One `<value>…</value>\n` block, as Python's Marshaller writes it. */
export function encodeValue(v: XmlRpcValue): string {
  if (typeof v === 'string') return `<value><string>${escapeText(v)}</string></value>\n`;
  if (typeof v === 'boolean') return `<value><boolean>${v ? 1 : 0}</boolean></value>\n`;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return `<value><int>${v === 0 ? 0 : v}</int></value>\n`;
    return `<value><double>${formatDouble(v)}</double></value>\n`;
  }
  if (v instanceof XmlRpcDouble) return `<value><double>${formatDouble(v.value)}</double></value>\n`;
  if (Array.isArray(v)) return `<value><array><data>\n${v.map(encodeValue).join('')}</data></array></value>\n`;
  if (isStruct(v)) {
    const members = Object.keys(v).map((k) => `<member>\n<name>${escapeText(k)}</name>\n${encodeValue(v[k])}</member>\n`);
    return `<value><struct>\n${members.join('')}</struct></value>\n`;
  }
  throw new TypeError('value cannot be sent over XML-RPC');
}

const PROLOG = "<?xml version='1.0'?>\n";

export function encodeResponse(value: XmlRpcValue): string {
  return `${PROLOG}<methodResponse>\n<params>\n<param>\n${encodeValue(value)}</param>\n</params>\n</methodResponse>\n`;
}

export function encodeFault(faultCode: number, faultString: string): string {
  const body = encodeValue({ faultCode, faultString });
  return `${PROLOG}<methodResponse>\n<fault>\n${body}</fault>\n</methodResponse>\n`;
}

export function encodeCall(methodName: string, params: readonly XmlRpcValue[] = []): string {
  const ps = params.map((p) => `<param>\n${encodeValue(p)}</param>\n`).join('');
  return `${PROLOG}<methodCall>\n<methodName>${escapeText(methodName)}</methodName>\n<params>\n${ps}</params>\n</methodCall>\n`;
}

// ---- decoding ---------------------------------------------------------------------------

function only(el: XmlElement, name: string): XmlElement {
  const kids = elements(el);
  if (kids.length !== 1 || kids[0].name !== name) throw new XmlParseError(`<${el.name}> must contain one <${name}>`);
  return kids[0];
}

function parseInteger(text: string, tag: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new XmlParseError(`bad <${tag}> value '${text}'`);
  const n = Number(t);
  if (!Number.isSafeInteger(n)) throw new XmlParseError(`<${tag}> value out of range '${text}'`);
  return n === 0 ? 0 : n;
}

function parseBoolean(text: string): boolean {
  const t = text.trim();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  throw new XmlParseError(`bad <boolean> value '${text}'`);
}

function parseStruct(el: XmlElement): XmlRpcStruct {
  const out: Record<string, XmlRpcValue> = {};
  for (const member of elements(el)) {
    if (member.name !== 'member') throw new XmlParseError(`unexpected <${member.name}> in <struct>`);
    const kids = elements(member);
    const nameEl = kids.find((k) => k.name === 'name');
    const valueEl = kids.find((k) => k.name === 'value');
    if (nameEl === undefined || valueEl === undefined) throw new XmlParseError('<member> needs <name> and <value>');
    // defineProperty: a member called __proto__ must stay a plain key
    Object.defineProperty(out, textOf(nameEl), { value: parseValue(valueEl), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function parseTyped(el: XmlElement): XmlRpcValue {
  switch (el.name) {
    case 'int':
    case 'i4':
    case 'i8':
      return parseInteger(textOf(el), el.name);
    case 'boolean':
      return parseBoolean(textOf(el));
    case 'string':
      return textOf(el);
    case 'double': {
      const n = Number(textOf(el).trim());
      if (textOf(el).trim() === '' || Number.isNaN(n)) throw new XmlParseError(`bad <double> value '${textOf(el)}'`);
      return n;
    }
    case 'dateTime.iso8601':
      return textOf(el).trim();
    case 'base64':
      return Buffer.from(textOf(el), 'base64').toString('utf8');
    case 'array': {
      const data = only(el, 'data');
      return elements(data).map((v) => {
        if (v.name !== 'value') throw new XmlParseError(`unexpected <${v.name}> in <data>`);
        return parseValue(v);
      });
    }
    case 'struct':
      return parseStruct(el);
    default:
      throw new XmlParseError(`unsupported type <${el.name}>`);
  }
}

/** Read one `<value>` element. */
export function parseValue(el: XmlElement): XmlRpcValue {
  const kids = elements(el);
  if (kids.length === 0) return textOf(el);
  if (kids.length > 1) throw new XmlParseError('<value> must hold one typed element');
  return parseTyped(kids[0]);
}

/** Parse a request body; throws XmlParseError when malformed or without a methodName. */
export function parseCall(body: string): MethodCall {
  const root = parseXml(body);
  if (root.name !== 'methodCall') throw new XmlParseError(`expected <methodCall>, got <${root.name}>`);
  const kids = elements(root);
  const nameEl = kids.find((k) => k.name === 'methodName');
  const methodName = nameEl === undefined ? '' : textOf(nameEl).trim();
  if (methodName === '') throw new XmlParseError('no method name');
  const paramsEl = kids.find((k) => k.name === 'params');
  const params = paramsEl === undefined ? [] : elements(paramsEl).map((p) => {
    if (p.name !== 'param') throw new XmlParseError(`unexpected <${p.name}> in <params>`);
    return parseValue(only(p, 'value'));
  });
  return { methodName, params };
}

/** Parse a response body: a value, or a fault. */
export function parseResponse(body: string): MethodResponse {
  const root = parseXml(body);
  if (root.name !== 'methodResponse') throw new XmlParseError(`expected <methodResponse>, got <${root.name}>`);
  const kids = elements(root);
  if (kids.length !== 1) throw new XmlParseError('<methodResponse> must hold <params> or <fault>');
  const top = kids[0];
  if (top.name === 'fault') {
    const v = parseValue(only(top, 'value'));
    if (!isStruct(v) || typeof v.faultCode !== 'number' || typeof v.faultString !== 'string') {
      throw new XmlParseError('<fault> must hold a struct with faultCode and faultString');
    }
    return { ok: false, fault: { faultCode: v.faultCode, faultString: v.faultString } };
  }
  if (top.name !== 'params') throw new XmlParseError(`unexpected <${top.name}> in <methodResponse>`);
  const param = only(top, 'param');
  return { ok: true, value: parseValue(only(param, 'value')) };
}

export function isXmlRpcStruct(v: XmlRpcValue): v is XmlRpcStruct {
  return isStruct(v);
}
