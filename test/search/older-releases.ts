// Log lines as mod_wsgi releases before 6.0 (the 4.x line, 4.9.x and 5.0.x
// as distributions ship them) write them: no WSGI#### code, and often other
// wording than 6.0's logged messages. Each message string is the one the
// older source passes to ap_log_error / ap_log_rerror, or the "<message>:
// <file>" its wsgi_log_script_error writes (read in GrahamDumpleton/mod_wsgi:
// src/server/mod_wsgi.c at 004ae44 and the 4.x src/server/wsgi_interp.c);
// the level is the one it logs at, the Apache 2.4 (and a few 2.2) prefixes
// and the values (pids, paths, errno texts, group names) are what such a
// line carries in a real log.
//
// `codes`: the 6.0 entries the line corresponds to. More than one where 6.0
// logs one text under several codes (WSGI0008 and WSGI0025), or where 6.0
// split one older message in two (the older "Truncated or oversized response
// headers" is WSGI0144 or WSGI0146 now). `exact`: 6.0 kept the wording, and
// the exact matcher finds the line already.
import type { Matcher } from '../../scripts/search/matcher.js';
import type { NearMatcher } from '../../scripts/search/near.js';
import { planQuery, type QueryPlan } from '../../scripts/search/query.js';

export interface OlderLine {
  line: string;
  codes: string[];
  exact?: true;
}

const t = (n: number) => `[Tue Mar 05 10:${String(10 + (n % 50)).padStart(2, '0')}:0${n % 10}.${String(118313 + n * 7919).slice(0, 6)} 2024]`;
/** Apache 2.4, a daemon process's own line. */
const daemon = (n: number, level: string, pid: number) => `${t(n)} [wsgi:${level}] [pid ${pid}:tid 140234567890${n % 10}]`;
/** Apache 2.4, a line logged for a request (client of the Apache child, or remote in a daemon process). */
const request = (n: number, level: string, pid: number, who: 'client' | 'remote' = 'client') => `${t(n)} [wsgi:${level}] [pid ${pid}:tid 13983473894${n % 10}] [${who} 203.0.113.${20 + n}:${51200 + n}]`;
const sock = '/var/run/apache2/wsgi.1201.0.1.sock';
const lock = '/var/run/apache2/wsgi.1201.0.1.lock';

export const olderReleaseLines: OlderLine[] = [
  // The line from issue 12 (4.9.4).
  { line: `${t(0)} [wsgi:crit] [pid 4242:tid 140234] (28)No space left on device: mod_wsgi (pid=4242): Couldn't create accept lock '/var/run/apache2/wsgi.4242.0.1.lock' (5).`, codes: ['WSGI0030'] },
  { line: `${daemon(1, 'alert', 5101)} (1)Operation not permitted: mod_wsgi (pid=5101): Unable to change root directory to '/srv/jail'.`, codes: ['WSGI0003'] },
  { line: `${daemon(2, 'alert', 5102)} (1)Operation not permitted: mod_wsgi (pid=5102): Unable to set group id to gid=33.`, codes: ['WSGI0004'] },
  { line: `${daemon(3, 'alert', 5103)} (22)Invalid argument: mod_wsgi (pid=5103): Unable to set supplementary groups for uname=shop of 'www-data,ssl-cert'.`, codes: ['WSGI0005'] },
  { line: `${daemon(4, 'alert', 5104)} (1)Operation not permitted: mod_wsgi (pid=5104): Unable to set groups for uname=shop and gid=1001.`, codes: ['WSGI0006'] },
  { line: `${daemon(5, 'alert', 5105)} (11)Resource temporarily unavailable: mod_wsgi (pid=5105): Unable to change to uid=1001.`, codes: ['WSGI0007'] },
  { line: `${daemon(6, 'alert', 5105)} mod_wsgi (pid=5105): Failure to configure the daemon process correctly and process left in unspecified state. Restarting daemon process after delay.`, codes: ['WSGI0008', 'WSGI0025'] },
  { line: `${daemon(7, 'alert', 5106)} (13)Permission denied: mod_wsgi (pid=5106): Unable to change working directory to '/home/shop/app'.`, codes: ['WSGI0009'] },
  { line: `${daemon(8, 'alert', 5107)} (2)No such file or directory: mod_wsgi (pid=5107): Unable to change working directory to home directory '/home/shop' for uid=1001.`, codes: ['WSGI0010'] },
  { line: `${daemon(9, 'alert', 5108)} (2)No such file or directory: mod_wsgi (pid=5108): Unable to determine home directory for uid=1001.`, codes: ['WSGI0011'] },
  { line: `${daemon(10, 'alert', 1201)} (24)Too many open files: mod_wsgi (pid=1201): Couldn't create unix domain socket.`, codes: ['WSGI0012'] },
  { line: `${daemon(11, 'alert', 1201)} (98)Address already in use: mod_wsgi (pid=1201): Couldn't bind unix domain socket '${sock}'.`, codes: ['WSGI0013'] },
  { line: `${daemon(12, 'alert', 1201)} (22)Invalid argument: mod_wsgi (pid=1201): Couldn't listen on unix domain socket.`, codes: ['WSGI0014'] },
  { line: `${daemon(13, 'alert', 1201)} (1)Operation not permitted: mod_wsgi (pid=1201): Couldn't change owner of unix domain socket '${sock}' to uid=33.`, codes: ['WSGI0015'] },
  { line: `${daemon(14, 'crit', 5120)} (43)Identifier removed: mod_wsgi (pid=5120): Couldn't acquire accept mutex '${sock}'. Shutting down daemon process.`, codes: ['WSGI0017'] },
  { line: `${daemon(15, 'crit', 5121)} (9)Bad file descriptor: mod_wsgi (pid=5121): Unable to poll daemon socket for '${sock}'. Shutting down daemon process.`, codes: ['WSGI0018'] },
  { line: `${daemon(16, 'crit', 5122)} (22)Invalid argument: mod_wsgi (pid=5122): Couldn't release accept mutex '${sock}'.`, codes: ['WSGI0019'] },
  { line: `${daemon(17, 'alert', 5123)} (12)Cannot allocate memory: mod_wsgi (pid=5123): Couldn't create worker thread 3 state mutex variable in daemon process 'shop'.`, codes: ['WSGI0021'] },
  { line: `${daemon(18, 'alert', 5124)} (11)Resource temporarily unavailable: mod_wsgi (pid=5124): Couldn't create worker thread 7 in daemon process 'shop'.`, codes: ['WSGI0022'] },
  { line: `${daemon(19, 'alert', 5125)} mod_wsgi (pid=5125): Failed read on signal pipe 'shop'.`, codes: ['WSGI0023'] },
  { line: `${daemon(20, 'alert', 1201)} (11)Resource temporarily unavailable: mod_wsgi: Couldn't spawn process 'shop'.`, codes: ['WSGI0024'] },
  { line: `${daemon(21, 'crit', 5126)} mod_wsgi (pid=5126): Couldn't intialise accept mutex in daemon process '${lock}'.`, codes: ['WSGI0026'] },
  { line: `${daemon(22, 'emerg', 5127)} (24)Too many open files: mod_wsgi (pid=5127): Couldn't initialise signal pipe in daemon process 'shop'.`, codes: ['WSGI0027'] },
  { line: `${daemon(23, 'crit', 1201)} (22)Invalid argument: mod_wsgi (pid=1201): Couldn't set permissions on accept mutex '${lock}' (sysvsem).`, codes: ['WSGI0031'] },
  { line: `${daemon(24, 'crit', 1201)} (1)Operation not permitted: mod_wsgi (pid=1201): Couldn't set permissions on accept mutex '/var/run/wsgi.1201.0.2.lock' (flock).`, codes: ['WSGI0032'] },
  { line: `${daemon(25, 'alert', 5130)} mod_wsgi (pid=5130): Request origin could not be validated.`, codes: ['WSGI0033', 'WSGI0034'] },
  { line: `${daemon(26, 'crit', 5131)} (104)Connection reset by peer: mod_wsgi (pid=5131): Unable to read WSGI request.`, codes: ['WSGI0080'] },
  { line: `${daemon(27, 'crit', 5132)} mod_wsgi (pid=5132): WSGI script '/srv/shop/app.wsgi' not located within chroot directory '/srv/jail'.`, codes: ['WSGI0081'] },
  { line: `${daemon(28, 'alert', 5133)} (1)Operation not permitted: mod_wsgi (pid=5133): Set dumpable failed. This child will not coredump after software errors.`, codes: ['WSGI0061'] },
  { line: `${daemon(29, 'warn', 1201)} (105)No buffer space available: mod_wsgi (pid=1201): Failed to set send buffer size on daemon process socket.`, codes: ['WSGI0062'] },
  { line: `${daemon(30, 'warn', 1201)} (105)No buffer space available: mod_wsgi (pid=1201): Failed to set receive buffer size on daemon process socket.`, codes: ['WSGI0063'] },
  { line: `${daemon(31, 'warn', 1201)} (98)Address already in use: mod_wsgi (pid=1201): Removing stale unix domain socket '/var/run/apache2/wsgi.1190.0.1.sock'.`, codes: ['WSGI0065'] },
  { line: `${daemon(32, 'error', 5140)} mod_wsgi (pid=5140): Failed to get current frames for active threads.`, codes: ['WSGI0067'] },
  { line: `${daemon(33, 'alert', 5134)} (11)Resource temporarily unavailable: mod_wsgi (pid=5134): Couldn't create monitor thread in daemon process 'shop'.`, codes: ['WSGI0068'] },
  { line: `${daemon(34, 'alert', 5134)} (11)Resource temporarily unavailable: mod_wsgi (pid=5134): Couldn't create deadlock thread in daemon process 'shop'.`, codes: ['WSGI0069'] },
  { line: `${daemon(35, 'alert', 5134)} (11)Resource temporarily unavailable: mod_wsgi (pid=5134): Couldn't create reaper thread in daemon process 'shop'.`, codes: ['WSGI0070'] },
  { line: `${daemon(36, 'crit', 5135)} (3)No such process: mod_wsgi (pid=5135): Couldn't join with worker thread 2 in daemon process 'shop'.`, codes: ['WSGI0071'] },
  { line: `${daemon(37, 'error', 1201)} (9)Bad file descriptor: mod_wsgi (pid=1201): Couldn't close unix domain socket '${sock}'.`, codes: ['WSGI0072'] },
  { line: `${daemon(38, 'error', 1201)} (13)Permission denied: mod_wsgi (pid=1201): Couldn't unlink unix domain socket '${sock}'.`, codes: ['WSGI0073'] },
  { line: `${daemon(39, 'error', 5136)} (13)Permission denied: mod_wsgi (pid=5136): Couldn't set CPU priority in daemon process '-5'.`, codes: ['WSGI0075'] },
  { line: `${daemon(40, 'crit', 5137)} mod_wsgi (pid=5137): Couldn't set CPU time limit of 600 seconds for process 'shop'.`, codes: ['WSGI0076'] },
  { line: `${daemon(41, 'crit', 5138)} mod_wsgi (pid=5138): Couldn't set memory limit of 536870912 for process 'shop'.`, codes: ['WSGI0077'] },
  { line: `${daemon(42, 'crit', 5138)} mod_wsgi (pid=5138): Couldn't set virtual memory limit of 1073741824 for process 'shop'.`, codes: ['WSGI0078'] },
  { line: `${daemon(43, 'error', 5139)} mod_wsgi (pid=5139): Unsupported locale setting en_US.UTF-8 specified for daemon process group shop. Consider using 'C.UTF-8' as fallback setting.`, codes: ['WSGI0079'] },
  // Logged for a request, in the Apache child or the daemon process.
  { line: `${request(44, 'warn', 1301)} (24)Too many open files: mod_wsgi (pid=1301): Unable to create socket to connect to WSGI daemon process.`, codes: ['WSGI0115'] },
  { line: `${request(45, 'error', 1302)} (11)Resource temporarily unavailable: mod_wsgi (pid=1302): Unable to connect to WSGI daemon process 'shop' on '${sock}' after multiple attempts as listener backlog limit was exceeded.`, codes: ['WSGI0116'] },
  { line: `${request(46, 'error', 1303)} (13)Permission denied: mod_wsgi (pid=1303): Unable to connect to WSGI daemon process 'shop' on '${sock}' as user with uid=33.`, codes: ['WSGI0117'], exact: true },
  { line: `${request(47, 'error', 1304)} (70007)The timeout specified has expired: mod_wsgi (pid=1304): Failed to proxy response to client.`, codes: ['WSGI0118', 'WSGI0120'] },
  { line: `${request(48, 'error', 1305)} (104)Connection reset by peer: mod_wsgi (pid=1305): Failed to proxy response from daemon.`, codes: ['WSGI0119'] },
  { line: `${request(49, 'error', 1306)} (32)Broken pipe: mod_wsgi (pid=1306): Unable to send request details to WSGI daemon process 'shop' on '${sock}'.`, codes: ['WSGI0121', 'WSGI0125'], exact: true },
  { line: `${request(50, 'error', 1307)} mod_wsgi (pid=1307): Unexpected status from WSGI daemon process '500'.`, codes: ['WSGI0122', 'WSGI0123'] },
  { line: `${request(51, 'error', 1308)} mod_wsgi (pid=1308): Maximum number of WSGI daemon process restart connects reached '3'.`, codes: ['WSGI0124'] },
  { line: `${request(52, 'error', 1309)} mod_wsgi (pid=1309): Request data read error when proxying data to daemon process: The timeout specified has expired.`, codes: ['WSGI0126', 'WSGI0128'], exact: true },
  { line: `${request(53, 'error', 1310)} Truncated or oversized response headers received from daemon process 'shop': /srv/shop/app.wsgi`, codes: ['WSGI0144', 'WSGI0146'] },
  { line: `${request(54, 'error', 1311)} Timeout when reading response headers from daemon process 'shop': /srv/shop/app.wsgi`, codes: ['WSGI0145'] },
  { line: `${request(55, 'error', 1312)} Malformed header 'HTTP/1.1 200 OK' found when reading script headers from daemon process 'shop': /srv/shop/app.wsgi`, codes: ['WSGI0148'] },
  { line: `${request(56, 'error', 1313)} No WSGI daemon process called 'shop' has been configured: /srv/shop/app.wsgi`, codes: ['WSGI0150', 'WSGI0151'] },
  { line: `${request(57, 'error', 1314)} Daemon process called 'shop' cannot be accessed by this WSGI application: /srv/shop/app.wsgi`, codes: ['WSGI0152'] },
  { line: `${request(58, 'error', 1315)} Group of WSGI script file does not match required group for daemon process, group=staff: /srv/shop/app.wsgi`, codes: ['WSGI0155'] },
  { line: `${request(59, 'error', 1316)} Owner of parent directory of WSGI script file does not match required user for daemon process, user=root: /srv/shop/app.wsgi`, codes: ['WSGI0171'] },
  { line: `${request(60, 'error', 1317)} Couldn't determine owner of WSGI script file, uid=1005: /srv/shop/app.wsgi`, codes: ['WSGI0163'] },
  { line: `${request(61, 'error', 1318)} Options ExecCGI is off in this directory: /srv/shop/app.wsgi`, codes: ['WSGI0134'] },
  { line: `${request(62, 'error', 1319)} Target WSGI script not found or unable to stat: /srv/shop/app.wsgi`, codes: ['WSGI0135'] },
  { line: `${request(63, 'error', 1320)} Attempt to invoke directory as WSGI application: /srv/shop/`, codes: ['WSGI0136'] },
  { line: `${request(64, 'error', 1321)} Received request requiring chunked transfer encoding, but optional support for chunked transfer encoding has not been enabled.: /srv/shop/app.wsgi`, codes: ['WSGI0139'] },
  { line: `${request(65, 'error', 1322)} Embedded mode of mod_wsgi disabled by runtime configuration: /srv/shop/app.wsgi`, codes: ['WSGI0143'] },
  { line: `${request(66, 'error', 1323, 'remote')} mod_wsgi (pid=1323): Queue timeout expired for WSGI daemon process 'shop'.`, codes: ['WSGI0084'], exact: true },
  { line: `${request(67, 'warn', 1324, 'remote')} (2)No such file or directory: mod_wsgi (pid=1324): Unable to stat target WSGI script '/srv/shop/app.wsgi'.`, codes: ['WSGI0083'], exact: true },
  { line: `${request(68, 'error', 1325)} mod_wsgi (pid=1325): Indicator of host accessibility returned from '/srv/auth/access.wsgi' must a boolean or None.`, codes: ['WSGI0055'] },
  { line: `${request(69, 'error', 1326)} mod_wsgi (pid=1326): Target WSGI host access script '/srv/auth/access.wsgi' does not provide host validator.`, codes: ['WSGI0056'] },
  { line: `${request(70, 'error', 1327)} mod_wsgi (pid=1327): Client denied by server configuration: '/srv/shop/app.wsgi'.`, codes: ['WSGI0057'], exact: true },
  { line: `${request(71, 'error', 31897, 'remote')} mod_wsgi (pid=31897): Failed to exec Python script file '/home/thermo/www/thermo.wsgi'.`, codes: ['WSGI0109', 'WSGI0110'] },
  { line: `${request(72, 'error', 31897, 'remote')} mod_wsgi (pid=31897): Exception occurred processing WSGI script '/home/thermo/www/thermo.wsgi'.`, codes: ['WSGI0174'] },
  { line: `${request(73, 'error', 8197, 'remote')} mod_wsgi (pid=8197): Target WSGI script '/var/www/catalog/catalog.wsgi' does not contain WSGI application 'application'.`, codes: ['WSGI0089'], exact: true },
  // Python set-up (4.x wsgi_interp.c).
  { line: `[Tue Feb 23 11:11:15.534245 2021] [wsgi:warn] [pid 22065] (13)Permission denied: mod_wsgi (pid=22065): Unable to stat Python home /home/ubuntu/my_pro/env_PaperReader. Python interpreter may not be able to be initialized correctly. Verify the supplied path and access permissions for whole of the path.`, codes: ['WSGI0100'] },
  { line: `${daemon(74, 'warn', 812)} mod_wsgi (pid=812): Python home /usr/bin/python3 is not a directory. Python interpreter may not be able to be initialized correctly. Verify the supplied path.`, codes: ['WSGI0101'] },
  { line: `${daemon(75, 'warn', 812)} mod_wsgi (pid=812): Python home /home/shop/venv is not accessible. Python interpreter may not be able to be initialized correctly. Verify the supplied path and access permissions on the directory.`, codes: ['WSGI0102'] },
  { line: `${daemon(76, 'error', 5141)} mod_wsgi (pid=5141): Call to 'site.addsitedir()' failed for '/srv/shop/lib/python3.11/site-packages', stopping.`, codes: ['WSGI0091'] },
  { line: `${daemon(77, 'error', 5142)} mod_wsgi (pid=5142): Unable to locate 'site.addsitedir()'.`, codes: ['WSGI0094'] },
  { line: `${daemon(78, 'error', 5143)} mod_wsgi (pid=5143): Unable to import 'site' module.`, codes: ['WSGI0095'] },
  { line: `${daemon(79, 'error', 5144)} mod_wsgi (pid=5144): Lookup for 'sys.path' failed.`, codes: ['WSGI0096'] },
  // Apache 2.2's prefix, as older distributions still log it.
  { line: `[Fri Apr 23 16:56:33 2010] [error] [client 154.5.37.221] mod_wsgi (pid=31027): Exception occurred processing WSGI script '/path/to/myapp.wsgi'.`, codes: ['WSGI0174'] },
  { line: `[Wed Jan 22 18:43:51 2014] [error] [client 192.168.18.113] Target WSGI script not found or unable to stat: /var/www/produce/produce/wsgi.py`, codes: ['WSGI0135'] }
];

/** How a line's answer ranks: the groups of codes listed, best first (near matches by template; other answers code by code). */
export function answerGroups(plan: QueryPlan): string[][] {
  return plan.mode === 'near' ? plan.near.map((hit) => hit.codes) : plan.pinned.map((code) => [code]);
}

export interface OlderFigures {
  lines: number;
  /** Lines whose first listed entry is one of theirs. */
  first: number;
  /** Lines with one of their entries among the first three listed. */
  top3: number;
  /** Lines answered without the near matcher: exactly, by the start of a message or by a part of one. */
  exact: number;
  misses: { line: OlderLine; got: string[][] }[];
}

/** The test set through the search box's plan (exact, prefix, then near): right entry first, and in the top three. */
export function scoreOlderLines(matcher: Matcher, near: NearMatcher, lines: readonly OlderLine[] = olderReleaseLines): OlderFigures {
  const figures: OlderFigures = { lines: lines.length, first: 0, top3: 0, exact: 0, misses: [] };
  for (const l of lines) {
    const plan = planQuery(l.line, matcher, near);
    if (plan.mode !== 'near') figures.exact++;
    const groups = answerGroups(plan);
    const at = groups.findIndex((codes) => codes.some((c) => l.codes.includes(c)));
    if (at === 0) figures.first++;
    if (at >= 0 && at < 3) figures.top3++;
    if (at !== 0) figures.misses.push({ line: l, got: groups.slice(0, 3) });
  }
  return figures;
}

export const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
