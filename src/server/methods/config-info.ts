// getAllConfigInfo's structs (spec §6.5, 4.2.5 keys): one per process of the last-read config,
// sorted by process name. Values XML-RPC cannot carry are written as supervisord writes them:
// unset → 'none', AUTO → 'auto'. tend's console (stdout_logfile unset) has no file: ''.

import type { Config, LogFileSetting, ProcessConfig, OutputChannel, StreamLogConfig } from '../../config/types';
import { signalNumber } from '../../common/signals';
import { cappedInt } from '../../protocol/protocol';
import type { XmlRpcStruct, XmlRpcValue } from '../../protocol/xmlrpc';

function logfileValue(s: LogFileSetting): string {
  switch (s.kind) {
    case 'auto': return 'auto';
    case 'none': case 'syslog': return 'none';
    case 'console': return '';
    case 'raw': case 'path': return s.path;
  }
}

function streamFields(prefix: OutputChannel, s: StreamLogConfig): Record<string, XmlRpcValue> {
  return {
    [`${prefix}_capture_maxbytes`]: s.capture_maxbytes,
    [`${prefix}_events_enabled`]: s.events_enabled,
    [`${prefix}_logfile`]: logfileValue(s.logfile),
    [`${prefix}_logfile_backups`]: s.logfile_backups,
    [`${prefix}_logfile_maxbytes`]: s.logfile_maxbytes,
    [`${prefix}_syslog`]: s.syslog,
  };
}

function configStruct(p: ProcessConfig, groupPriority: number, inuse: boolean): XmlRpcStruct {
  return {
    autostart: p.autostart,
    directory: p.directory ?? 'none',
    uid: p.user === null ? 'none' : p.user.uid,
    command: p.command,
    exitcodes: [...p.exitcodes],
    group: p.group,
    group_prio: groupPriority,
    inuse,
    killasgroup: p.killasgroup,
    name: p.name,
    process_prio: p.priority,
    redirect_stderr: p.redirect_stderr,
    startretries: cappedInt(p.startretries), // infinite: the largest int
    startsecs: p.startsecs,
    ...streamFields('stdout', p.stdout),
    stopsignal: signalNumber(p.stopsignal),
    stopwaitsecs: p.stopwaitsecs,
    ...streamFields('stderr', p.stderr),
    serverurl: p.serverurl === 'AUTO' ? 'auto' : p.serverurl,
  };
}

/** inUse: names of the groups in use now */
export function allConfigInfo(lastRead: Config, inUse: ReadonlySet<string>): XmlRpcStruct[] {
  const out: XmlRpcStruct[] = [];
  for (const g of lastRead.groups) {
    for (const p of g.processes) out.push(configStruct(p, g.priority, inUse.has(g.name)));
  }
  return out.sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
}
