// A program's retry and restart timing (tend's keys next to supervisord's startretries):
// backoff, backoff_max, restart_backoff, and startretries=infinite.

import * as c from './convert';
import type { SectionReader } from './reader';
import { setting } from './setting';
import type { ProcessConfig } from './types';

export type BackoffSettings = Pick<ProcessConfig, 'startretries' | 'backoff' | 'backoff_max' | 'restart_backoff'>;

export function readBackoff(r: SectionReader): BackoffSettings {
  const startretries = setting(r, 'startretries', c.startretries);
  const backoff = setting(r, 'backoff', c.backoff);
  const restart_backoff = setting(r, 'restart_backoff', c.restartBackoff);
  // supervisord's own waits (1, 2, 3 … s, a bounded number of them) have no cap unless one is given
  const supervisords = backoff === 'linear' && Number.isFinite(startretries) && restart_backoff === 'none';
  const backoff_max = supervisords && !r.has('backoff_max')
    ? Number.POSITIVE_INFINITY
    : setting(r, 'backoff_max', c.backoffMax);
  return { startretries, backoff, backoff_max, restart_backoff };
}
