// [unix_http_server], [inet_http_server] (spec §2.5, §2.6) and [supervisorctl] (§2.7).

import type { ValidateContext } from './context';
import * as c from './convert';
import type { Names } from './expand';
import type { IniDocument, IniSection } from './ini';
import { fail, pyAbspath, pyExpandUser, type Conv } from '../python/builtins';
import { Problems, SectionReader } from './reader';
import { INET_HTTP_SERVER_DEFAULTS, SUPERVISORCTL_DEFAULTS, UNIX_HTTP_SERVER_DEFAULTS } from './schema';
import type { InetHttpServerConfig, SupervisorctlConfig, UnixHttpServerConfig } from './types';

interface Auth {
  readonly username: string | null;
  readonly password: string | null;
}

function readAuth(r: SectionReader): Auth {
  const username = r.text('username', null);
  const password = r.text('password', null);
  if ((r.has('username') || r.has('password')) && !(r.has('username') && r.has('password'))) {
    r.fail(
      r.has('username') ? 'username' : 'password',
      `Section [${r.section.name}] contains incomplete authentication: If a username or a password is ` +
        'specified, both the username and password must be specified',
    );
  }
  return { username, password };
}

/** supervisord's normalize_path: '~' expanded, made absolute, normalised. */
export function normalizePath(v: string, ctx: ValidateContext): string {
  const home = (n: string): string | undefined => ctx.users.userByName(n)?.home;
  return pyAbspath(pyExpandUser(v, ctx.env.HOME, home), ctx.cwd);
}

export function readUnixServer(
  doc: IniDocument,
  section: IniSection,
  problems: Problems,
  ctx: ValidateContext,
  env: Names,
): UnixHttpServerConfig {
  const r = new SectionReader(doc, section, problems, { suffix: '', names: env, here: false });
  const D = UNIX_HTTP_SERVER_DEFAULTS;
  if (!r.has('file')) r.fail(null, `section [${section.name}] has no file value`);
  const file = r.text('file', D.file, { here: true });
  const chmod = (v: string): Conv<number> => {
    const n = c.octal(v);
    return n.ok ? n : fail(`Invalid chmod value ${v}`);
  };
  const chown = (v: string): ReturnType<typeof c.userGroup> => {
    const spec = c.userGroup(v, ctx.users);
    return spec.ok ? spec : fail(`Invalid sockchown value ${v}`);
  };
  return {
    file: file === null ? '' : normalizePath(file.trim(), ctx),
    chmod: r.value('chmod', D.chmod, chmod, 0o700),
    chown: r.optional('chown', D.chown, chown),
    ...readAuth(r),
    where: r.where(),
  };
}

export function readInetServer(
  doc: IniDocument,
  section: IniSection,
  problems: Problems,
  env: Names,
): InetHttpServerConfig {
  const r = new SectionReader(doc, section, problems, { suffix: '', names: env, here: true });
  const auth = readAuth(r);
  if (!r.has('port')) r.fail(null, `section [${section.name}] has no port value`);
  const address = r.optional('port', INET_HTTP_SERVER_DEFAULTS.port, c.inetAddress);
  return { host: address?.host ?? '', port: address?.port ?? 0, ...auth, where: r.where() };
}

/** warnOnly: supervisord itself never reads this section, so its problems must not stop it. */
export function readSupervisorctl(
  doc: IniDocument,
  section: IniSection,
  problems: Problems,
  ctx: ValidateContext,
  env: Names,
  warnOnly: boolean,
): SupervisorctlConfig {
  const r = new SectionReader(doc, section, problems, { suffix: '', names: env, here: false, warnOnly });
  const D = SUPERVISORCTL_DEFAULTS;
  const url = r.text('serverurl', D.serverurl, { here: true });
  const history = r.text('history_file', D.history_file, { here: true });
  return {
    serverurl: url !== null && url.startsWith('unix://') ? `unix://${normalizePath(url.slice(7), ctx)}` : url,
    username: r.text('username', D.username),
    password: r.text('password', D.password),
    prompt: r.text('prompt', D.prompt) ?? 'supervisor',
    history_file: history ? normalizePath(history, ctx) : null,
  };
}
