// A small XML reader for XML-RPC bodies: elements, text, the five predefined entities,
// character references, comments, CDATA and the XML declaration. No DTDs, no namespaces,
// attributes are read and dropped. Produces a tiny tree; the codec interprets it.

export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** how deep elements may nest (a call's values rarely go past 20) */
export const MAX_DEPTH = 512;

const NAME_RE = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

/** Replace entity and character references in a run of text. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlParseError(`unterminated reference '${whole}'`);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(ref) && code <= 0x10ffff;
      if (!valid) throw new XmlParseError(`bad character reference '${whole}'`);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlParseError(`unknown entity '${whole}'`);
    return value;
  });
}

interface Open {
  readonly name: string;
  readonly children: XmlNode[];
}

class Reader {
  private pos = 0;
  private readonly stack: Open[] = [];
  private root: XmlElement | null = null;

  constructor(private readonly src: string) {}

  parse(): XmlElement {
    while (this.pos < this.src.length) {
      const lt = this.src.indexOf('<', this.pos);
      const end = lt < 0 ? this.src.length : lt;
      if (end > this.pos) this.text(this.src.slice(this.pos, end));
      if (lt < 0) break;
      this.pos = lt;
      this.markup();
    }
    if (this.stack.length > 0) throw new XmlParseError(`unclosed element <${this.stack[this.stack.length - 1].name}>`);
    if (this.root === null) throw new XmlParseError('no root element');
    return this.root;
  }

  private text(raw: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      if (raw.trim() !== '') throw new XmlParseError('text outside the root element');
      return;
    }
    top.children.push(decodeEntities(raw));
  }

  private skipTo(terminator: string, what: string): string {
    const end = this.src.indexOf(terminator, this.pos);
    if (end < 0) throw new XmlParseError(`unterminated ${what}`);
    const body = this.src.slice(this.pos, end);
    this.pos = end + terminator.length;
    return body;
  }

  private markup(): void {
    const s = this.src;
    if (s.startsWith('<?', this.pos)) {
      this.pos += 2;
      this.skipTo('?>', 'processing instruction');
    } else if (s.startsWith('<!--', this.pos)) {
      this.pos += 4;
      this.skipTo('-->', 'comment');
    } else if (s.startsWith('<![CDATA[', this.pos)) {
      this.pos += 9;
      const body = this.skipTo(']]>', 'CDATA section');
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) throw new XmlParseError('CDATA outside the root element');
      top.children.push(body);
    } else if (s.startsWith('<!', this.pos)) {
      throw new XmlParseError('DTDs are not supported');
    } else if (s.startsWith('</', this.pos)) {
      this.pos += 2;
      this.endTag();
    } else {
      this.pos += 1;
      this.startTag();
    }
  }

  private startTag(): void {
    const m = NAME_RE.exec(this.src.slice(this.pos, this.pos + 200));
    if (m === null) throw new XmlParseError(`bad tag at offset ${this.pos}`);
    const name = m[0];
    this.pos += name.length;
    // attributes: skip quoted values so that '>' inside them does not end the tag
    let selfClosing = false;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new XmlParseError(`unterminated tag <${name}>`);
      if (c === '"' || c === "'") {
        const close = this.src.indexOf(c, this.pos + 1);
        if (close < 0) throw new XmlParseError(`unterminated attribute in <${name}>`);
        this.pos = close + 1;
        continue;
      }
      if (c === '>') {
        this.pos += 1;
        break;
      }
      if (c === '/' && this.src[this.pos + 1] === '>') {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      this.pos += 1;
    }
    if (this.root !== null && this.stack.length === 0) throw new XmlParseError('more than one root element');
    const el: Open = { name, children: [] };
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) parent.children.push(el);
    if (selfClosing) {
      if (parent === undefined) this.root = el;
    } else {
      // the XML-RPC decoder recurses once per level: refuse nesting no caller needs
      if (this.stack.length >= MAX_DEPTH) throw new XmlParseError(`elements nested deeper than ${MAX_DEPTH}`);
      this.stack.push(el);
    }
  }

  private endTag(): void {
    const body = this.skipTo('>', 'end tag').trim();
    const top = this.stack.pop();
    if (top === undefined || top.name !== body) {
      throw new XmlParseError(`mismatched end tag </${body}>${top ? ` (expected </${top.name}>)` : ''}`);
    }
    if (this.stack.length === 0) this.root = top;
  }
}

/** Parse a whole document; throws XmlParseError when it is not well-formed. */
export function parseXml(text: string): XmlElement {
  return new Reader(text).parse();
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** The element children of an element (text between them is dropped). */
export function elements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}

/** The concatenated text directly inside an element. */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}
