// HTTP Basic authentication as supervisord checks it (spec §6.1): exact username; password
// either plain, or `{SHA}<hex>` compared with the sha1 of what the client sent.

import { createHash, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function passwordMatches(stored: string, supplied: string): boolean {
  if (stored.startsWith('{SHA}')) {
    const digest = createHash('sha1').update(supplied, 'utf8').digest('hex');
    return sameText(stored.slice(5).toLowerCase(), digest);
  }
  return sameText(stored, supplied);
}

/** Whether an Authorization header carries the configured credentials. */
export function authorized(header: string | undefined, creds: Credentials): boolean {
  if (header === undefined) return false;
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(header);
  if (m === null) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const pass = decoded.slice(colon + 1);
  return sameText(user, creds.username) && passwordMatches(creds.password, pass);
}

/** The Authorization header a client sends. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
