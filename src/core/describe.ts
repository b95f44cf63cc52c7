// The `description` field of process info (spec §3.4). Local-time formatting is passed in.

import type { ProcessRecord } from './record';

/** Formats an epoch-ms stop time like strftime('%b %d %I:%M %p'), e.g. `Nov 26 02:19 PM`. */
export type StopTimeFormatter = (epochMs: number) => string;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Python timedelta text for whole seconds: `0:00:16`, `1 day, 1:01:01`, `2 days, 0:00:05`. */
export function formatUptime(totalSeconds: number): string {
  const secs = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(secs / 86400);
  const rest = secs % 86400;
  const hms = `${Math.floor(rest / 3600)}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
  if (days === 0) return hms;
  return `${days} ${days === 1 ? 'day' : 'days'}, ${hms}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 26 02:19 PM` from broken-down local time fields (month 0-11, hours 0-23). */
export function formatStopTimeFields(month: number, day: number, hours: number, minutes: number): string {
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${MONTHS[month]} ${pad2(day)} ${pad2(hour12)}:${pad2(minutes)} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** `; next attempt in 4 s` while a retry or restart is pending, else ''. */
export function nextAttemptText(rec: ProcessRecord, now: number): string {
  if (rec.retryAt === 0) return '';
  const secs = Math.ceil((rec.retryAt - now) / 1000);
  return secs > 0 ? `; next attempt in ${secs} s` : '; next attempt now';
}

/** supervisord's text, and tend's next-attempt part for a process waiting to start again. */
export function describeProcess(
  name: string, rec: ProcessRecord, now: number, formatStopTime: StopTimeFormatter,
): string {
  switch (rec.state) {
    case 'RUNNING':
      return `pid ${rec.pid}, uptime ${formatUptime((now - rec.laststart) / 1000)}`;
    case 'STOPPED':
    case 'EXITED':
      return (rec.laststart === 0 ? 'Not started' : formatStopTime(rec.laststop)) + nextAttemptText(rec, now);
    case 'BACKOFF':
    case 'FATAL':
      return (rec.spawnerr === '' ? `unknown error (try "tail ${name}")` : rec.spawnerr) + nextAttemptText(rec, now);
    case 'STARTING':
    case 'STOPPING':
    case 'UNKNOWN':
      return '';
    default: {
      const never: never = rec.state;
      return never;
    }
  }
}
