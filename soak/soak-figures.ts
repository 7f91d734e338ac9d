import type { Op, RetryOutcome } from './soak-audit';
import type { BooksAudit, CredentialsAudit, Marks } from './soak-providers';
import type { ChaosResult } from './soak-chaos';
import { eventKey, type RecordingResult } from './soak-recorder';
import type { RandomFaultState } from '../src/sandbox/kit';

/** The gateway's records and the books, before and after every FAILED operation was retried. */
export interface SoakObservations {
  eventsPlanned: number;
  recording: RecordingResult;
  chaos: ChaosResult;
  faults: RandomFaultState<string> | null;
  before: { ops: Op[]; open: Op[] } & BooksAudit;
  retry: RetryOutcome;
  after: { ops: Op[]; open: Op[] } & BooksAudit;
  /** OAuth providers: the identity service's counts, and the borrowers no longer connected at the end (id: status). */
  credentials?: CredentialsAudit & { notConnected: string[] };
}

/** Figures that must all be 0; any other value is a broken promise of the gateway. */
export const MUST_BE_ZERO = [
  'lost',
  'duplicated',
  'incomplete',
  'extra',
  'failedInBooks',
  'retryDuplicates',
  'secondEvents',
  'internalAnswers',
  'validEventsRefused',
  'replaysRefused',
  'eventsNotRecorded',
  'answeredEventsMissing',
  'notTerminal',
  'refreshTokensUsedTwice',
  'invalidGrants',
  'notConnected',
] as const;

export type SoakFigures = Record<(typeof MUST_BE_ZERO)[number], number> & {
  eventsPlanned: number;
  eventsRecorded: number;
  resent: number;
  operations: number;
  recordingCalls: number;
  providerRequests: number;
  faultsInjected: number;
  faultsByKind: Record<string, number>;
  timeOutsLanded: number;
  kills: number;
  /** Kills made while a write request of a killed gateway was in flight at the provider (every gateway killed at once). */
  killsWithWriteInFlight: number;
  /** Kills of both gateways at once. */
  killsOfBoth: number;
  /** Gateway processes sharing the database for the whole run. */
  gateways: number;
  failedBeforeRetry: number;
  retryRefused: number;
  /** SUCCEEDED operations whose providerRecordIds do not name the book record carrying their marker. */
  wrongRecordIds: number;
  /** Refresh tokens exchanged (OAuth providers; null for the others). */
  refreshes: number | null;
  /** Refresh tokens presented again after a kill took the answer to their exchange (OAuth providers). */
  reusedAfterKill: number;
  /** Refresh tokens presented again by the gateway's retry after its time-out (OAuth providers). */
  reusedAfterTimeout: number;
  /** Examples behind each non-zero figure, for the report. */
  examples: Record<string, string[]>;
};

export function computeFigures(o: SoakObservations): SoakFigures {
  const examples: Record<string, string[]> = {};
  const note = (figure: string, text: string) => {
    const list = (examples[figure] ??= []);
    if (list.length < 10) list.push(text);
  };
  const describe = (op: Op) => `${op.kind} ${op.id} (${op.status}${op.lastError ? `: ${op.lastError.slice(0, 160)}` : ''}) of ${op.event?.externalId ?? op.eventId}`;
  const count = (marks: Marks, id: string) => marks.get(id.toLowerCase())?.length ?? 0;

  // Lost: every ledger write of a recorded event belongs in the books once FAILED ones are retried.
  let lost = 0;
  for (const op of o.after.ops) {
    if (count(o.after.marks, op.id) === 0) {
      lost++;
      note('lost', describe(op));
    }
  }

  let retryDuplicates = 0;
  for (const id of o.retry.retried) {
    const after = count(o.after.marks, id);
    if (after > 1 && after > count(o.before.marks, id)) {
      retryDuplicates++;
      note('retryDuplicates', `${id}: ${count(o.before.marks, id)} in the books before the retry, ${after} after`);
    }
  }
  let duplicated = 0;
  for (const [marker, records] of o.after.marks) {
    if (records.length > 1 && !(o.retry.retried.has(marker) && records.length > count(o.before.marks, marker))) {
      duplicated++;
      note('duplicated', `${marker}: ${records.length} records (${records.join(', ')})`);
    }
  }

  // A write of two steps (a transaction, then its reconciliation) is in the books only whole.
  for (const [marker, why] of o.after.incomplete) note('incomplete', `${marker}: ${why}`);

  const opIds = new Set(o.after.ops.map((op) => op.id.toLowerCase()));
  let extra = 0;
  for (const [marker, records] of o.after.marks) {
    if (!opIds.has(marker)) {
      extra++;
      note('extra', `${marker}: ${records.join(', ')}`);
    }
  }

  // FAILED means the provider refused it or it is not in the books: never both FAILED and booked.
  const failedInBooksIds = new Set<string>();
  for (const [ops, marks] of [[o.before.ops, o.before.marks], [o.after.ops, o.after.marks]] as const) {
    for (const op of ops) {
      if (op.status === 'FAILED' && count(marks, op.id) > 0 && !failedInBooksIds.has(op.id)) {
        failedInBooksIds.add(op.id);
        note('failedInBooks', describe(op));
      }
    }
  }

  // A second event: one (company, kind, externalId) under two event ids, in the answers or in the gateway.
  const ids = new Map<string, Set<string>>();
  for (const [key, answered] of o.recording.answered) ids.set(key, new Set(answered));
  const stored = new Set<string>();
  for (const op of o.after.ops) {
    if (!op.event) continue;
    stored.add(op.event.id);
    const key = eventKey(op.event.kind, op.companyId, op.event.externalId);
    ids.set(key, (ids.get(key) ?? new Set()).add(op.event.id));
  }
  let secondEvents = 0;
  for (const [key, set] of ids) {
    if (set.size > 1) {
      secondEvents += set.size - 1;
      note('secondEvents', `${key}: ${[...set].join(', ')}`);
    }
  }
  let answeredEventsMissing = 0;
  for (const [key, answered] of o.recording.answered) {
    for (const id of answered) {
      if (!stored.has(id)) {
        answeredEventsMissing++;
        note('answeredEventsMissing', `${key}: ${id}`);
      }
    }
  }

  let wrongRecordIds = 0;
  for (const op of o.after.ops) {
    const records = o.after.marks.get(op.id.toLowerCase()) ?? [];
    if (op.status === 'SUCCEEDED' && records.length && !records.some((r) => op.providerRecordIds.includes(r))) {
      wrongRecordIds++;
      note('wrongRecordIds', `${describe(op)}: providerRecordIds ${JSON.stringify(op.providerRecordIds)}, in the books as ${records.join(', ')}`);
    }
  }

  const refusals = (figure: string, list: RecordingResult['refused']) => {
    for (const r of list) note(figure, `${r.kind} ${r.externalId}: ${r.code} ${r.message.slice(0, 200)}`);
    return list.length;
  };
  for (const m of o.recording.internalMessages) note('internalAnswers', m.slice(0, 200));
  for (const op of [...o.before.open, ...o.after.open]) note('notTerminal', describe(op));
  for (const r of o.retry.refused) note('retryRefused', r.slice(0, 240));

  for (const c of o.credentials?.notConnected ?? []) note('notConnected', c);

  const applied = o.faults?.applied ?? {};
  return {
    eventsPlanned: o.eventsPlanned,
    eventsRecorded: stored.size,
    resent: o.recording.resent,
    operations: o.after.ops.length,
    recordingCalls: o.recording.calls,
    providerRequests: o.faults?.requests ?? 0,
    faultsInjected: Object.values(applied).reduce((a: number, b) => a + (b ?? 0), 0),
    faultsByKind: applied as Record<string, number>,
    timeOutsLanded: o.faults?.timeOutsLanded ?? 0,
    kills: o.chaos.kills,
    killsWithWriteInFlight: o.chaos.killsWithWriteInFlight,
    killsOfBoth: o.chaos.killsOfBoth,
    gateways: o.chaos.gateways,
    lost,
    duplicated,
    incomplete: o.after.incomplete.size,
    extra,
    failedInBooks: failedInBooksIds.size,
    retryDuplicates,
    secondEvents,
    internalAnswers: o.recording.internal,
    validEventsRefused: refusals('validEventsRefused', o.recording.refused),
    replaysRefused: refusals('replaysRefused', o.recording.replaysRefused),
    eventsNotRecorded: refusals('eventsNotRecorded', o.recording.gaveUp),
    answeredEventsMissing,
    notTerminal: o.after.open.length + o.before.open.length,
    failedBeforeRetry: o.before.ops.filter((op) => op.status === 'FAILED').length,
    retryRefused: o.retry.refused.length,
    wrongRecordIds,
    refreshTokensUsedTwice: o.credentials?.refreshTokensUsedTwice ?? 0,
    invalidGrants: o.credentials?.invalidGrants ?? 0,
    notConnected: o.credentials?.notConnected.length ?? 0,
    refreshes: o.credentials ? o.credentials.refreshes : null,
    reusedAfterKill: o.credentials?.reusedAfterKill ?? 0,
    reusedAfterTimeout: o.credentials?.reusedAfterTimeout ?? 0,
    examples,
  };
}
