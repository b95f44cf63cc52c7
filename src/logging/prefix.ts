// Renders a console_prefix template for one process and stream. {name} is padded to the
// widest process name (as docker compose pads service names) so columns line up; one space
// separates the prefix from the line.

import type { PrefixField, PrefixTemplate } from '../config/prefix';
import type { OutputChannel } from '../config/types';
import { timestamp } from './format';

export interface PrefixSubject {
  readonly name: string;
  readonly program: string;
  readonly group: string;
  readonly stream: OutputChannel;
  /** the running child's pid (changes at each spawn) */
  pid(): number;
}

/** null when the template is off; else a function giving the prefix bytes for lines read now */
export function prefixRenderer(
  template: PrefixTemplate,
  subject: PrefixSubject,
  nameWidth: number,
  clock: () => Date = () => new Date(),
): (() => string) | null {
  if (template === null) return null;
  const dynamic = template.some((p) => 'field' in p && (p.field === 'pid' || p.field === 'time'));
  const value = (f: PrefixField): string => {
    switch (f) {
      case 'name': return subject.name.padEnd(nameWidth);
      case 'program': return subject.program;
      case 'group': return subject.group;
      case 'stream': return subject.stream;
      case 'pid': return String(subject.pid());
      case 'time': return timestamp(clock());
    }
  };
  // the UTF-8 bytes of the prefix as a latin1 string: what LineAssembler splices in
  const render = (): string => Buffer.from(`${template.map((p) => ('text' in p ? p.text : value(p.field))).join('')} `).toString('latin1');
  if (dynamic) return render;
  const fixed = render();
  return () => fixed;
}
