import { MUST_BE_ZERO, type SoakFigures } from './soak-figures';
import type { SoakSettings } from './soak-settings';

const LABELS: Record<(typeof MUST_BE_ZERO)[number], string> = {
  lost: 'lost (expected in the books, not there)',
  duplicated: 'duplicated (a marker more than once in the books)',
  incomplete: 'incomplete (a two-step write without its second step, or with it twice)',
  extra: 'extra (a marker no operation has)',
  failedInBooks: 'FAILED operations that are in the books',
  retryDuplicates: 'duplicates created by retrying every FAILED operation',
  secondEvents: 'replays that created a second event',
  internalAnswers: 'recording calls answered INTERNAL',
  validEventsRefused: 'valid events refused',
  replaysRefused: 'replays refused (the original was recorded)',
  eventsNotRecorded: 'events not recorded by the call deadline',
  answeredEventsMissing: 'events answered but not in the gateway',
  notTerminal: 'operations not SUCCEEDED or FAILED by the deadline',
  refreshTokensUsedTwice: 'refresh tokens presented twice (OAuth)',
  invalidGrants: 'refreshes answered invalid_grant (OAuth)',
  notConnected: 'borrowers no longer connected at the end (OAuth)',
};

const IN_FLIGHT: Record<SoakSettings['provider'], string> = { codat: 'a push', sinao: "a write's reconcile step", xero: 'a spend money' };

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '-');

/** The soak's table: what was done, then the figures that must be 0, then the examples behind any that is not. */
export function formatReport(f: SoakFigures, s: SoakSettings, database: string, seconds: number): string {
  const rows: [string, string][] = [
    ['provider', s.provider],
    ['database', database],
    ['events recorded (planned)', `${f.eventsRecorded} (${f.eventsPlanned}), over ${s.companies} borrowers, ${s.clients} concurrent clients`],
    ['events re-sent', `${f.resent} (${pct(f.resent, f.eventsPlanned)})`],
    ['recording calls', String(f.recordingCalls)],
    ['write-back operations', String(f.operations)],
    ['provider requests', String(f.providerRequests)],
    ['faults injected', `${f.faultsInjected} (${pct(f.faultsInjected, f.providerRequests)} of provider requests): ${Object.entries(f.faultsByKind).map(([k, n]) => `${k} ${n}${k === 'TIME_OUT' ? ` (${f.timeOutsLanded} landed)` : ''}`).join(', ')}`],
    ['gateway processes, for the whole run', String(f.gateways)],
    [`gateway SIGKILLs (with ${IN_FLIGHT[s.provider]} in flight; of both gateways at once)`, `${f.kills} (${f.killsWithWriteInFlight}; ${f.killsOfBoth})`],
    ...(f.refreshes === null ? [] : [['access-token refreshes (tokens presented again: after a kill took the answer, after a time-out)', `${f.refreshes} (${f.reusedAfterKill}, ${f.reusedAfterTimeout})`] as [string, string]]),
    ['FAILED before the retry', String(f.failedBeforeRetry)],
    ['retries refused', String(f.retryRefused)],
    ['record ids not naming the booked record (not counted)', String(f.wrongRecordIds)],
    ['seed, duration', `${s.seed}, ${seconds.toFixed(0)} s`],
  ];
  const checks = MUST_BE_ZERO.map((k) => [LABELS[k], String(f[k])] as [string, string]);
  const width = Math.max(...[...rows, ...checks].map(([label]) => label.length));
  const line = ([label, value]: [string, string]) => `| ${label.padEnd(width)} | ${value}`;
  const out = ['Soak run', ...rows.map(line), '', 'Must be 0', ...checks.map(line)];
  const failing = MUST_BE_ZERO.filter((k) => f[k] !== 0);
  out.push('', failing.length ? `FAILED: ${failing.map((k) => `${k}=${f[k]}`).join(', ')}` : 'PASSED: every figure is 0');
  for (const [figure, list] of Object.entries(f.examples)) {
    if (!list.length) continue;
    out.push('', `${figure}, for example:`, ...list.map((text) => `  - ${text}`));
  }
  return out.join('\n');
}

export const failingFigures = (f: SoakFigures) => MUST_BE_ZERO.filter((k) => f[k] !== 0);
