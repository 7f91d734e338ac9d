import {
  COMMON_FAULTS, FaultQueue, IdempotencyCache, RequestLog, SandboxInputError,
  type FaultSpec, type QueuedFault,
} from '../kit';
import { seedDemoOrganisation, settleFeedConnection, settleStatement, type OrganisationBooks } from '../xero-books';
import { XeroNotFound } from './accounting-dialect';
import { XeroRateLimits, type XeroRateLimitSettings } from './rate-limits';
import type { XeroIdentityStore } from './xero-identity.store';

/**
 * Besides the exchange's faults: a feed connection or a statement rejected when it settles, and
 * a payment answered 200 with no PaymentID and not written (what Xero's users report: a payment
 * that shows no error yet did not happen), and a write refused as invalid (VALIDATION_ERROR: its
 * first element answered with the fault's `message` as Xero answers any validation failure).
 */
export const XERO_FAULTS = [...COMMON_FAULTS, 'REJECT_FEED_CONNECTION', 'REJECT_STATEMENT', 'PAYMENT_WITHOUT_ID', 'VALIDATION_ERROR'] as const;
export type XeroFault = (typeof XERO_FAULTS)[number];

/** Who an authenticated call acts for: the organisation, the app, and what the app may do. */
export interface XeroCaller {
  tenantId: string;
  clientId: string;
  appName: string;
  scopes: string[];
}

export interface XeroBooksSettings {
  /** How long a new feed connection stays PENDING (default 0: settled by the next call). */
  feedConnectionDelayMs: number;
  /** How long a statement stays PENDING before it is delivered or rejected (default 0: by the next call). */
  statementDelayMs: number;
}

export interface XeroBooksStoreOptions {
  /** Every organisation's demo books hold contacts named after this lender. */
  lenderName: string;
  rateLimits?: Partial<XeroRateLimitSettings>;
  settings?: Partial<XeroBooksSettings>;
  /** How long an `Idempotency-Key`'s first answer is replayed (default 24 hours). */
  idempotencyRetentionMs?: number;
  requestLogSize?: number;
}

/**
 * The Accounting and Bank Feeds sandbox's state: one set of books per organisation of the
 * identity store (seeded as the demo organisation the first time it is used), the rate limits,
 * queued faults, idempotency keys and the request log.
 */
export class XeroBooksStore {
  readonly faults = new FaultQueue<XeroFault>({ kinds: XERO_FAULTS, operationKinds: ['REJECT_FEED_CONNECTION', 'REJECT_STATEMENT', 'PAYMENT_WITHOUT_ID', 'VALIDATION_ERROR'], mayLand: ['SERVER_ERROR', 'LOSE_RESPONSE'] });
  readonly idempotency: IdempotencyCache;
  readonly requests: RequestLog;
  readonly rateLimits: XeroRateLimits;
  readonly settings: XeroBooksSettings;
  private readonly organisations = new Map<string, OrganisationBooks>();
  /** Organisations with feed connections or statements still PENDING: the only ones `settleDue` reads. */
  private readonly unsettled = new Set<OrganisationBooks>();

  constructor(readonly identity: XeroIdentityStore, readonly options: XeroBooksStoreOptions) {
    this.idempotency = new IdempotencyCache({ retentionMs: options.idempotencyRetentionMs ?? 24 * 3_600_000, releaseOn: [429, 500] });
    this.requests = new RequestLog(options.requestLogSize);
    this.rateLimits = new XeroRateLimits(options.rateLimits, () => identity.now());
    this.settings = { feedConnectionDelayMs: 0, statementDelayMs: 0, ...(options.settings ?? {}) };
  }

  now(): number {
    return this.identity.now();
  }

  /** An organisation's books, seeded on first use; 404 for a tenant the identity service does not know. */
  books(tenantId: string): OrganisationBooks {
    const id = tenantId.toLowerCase();
    let books = this.organisations.get(id);
    if (!books) {
      const organisation = this.identity.organisations.get(id);
      if (!organisation) throw new XeroNotFound(`No organisation ${tenantId}.`);
      books = seedDemoOrganisation({ tenantId: id, name: organisation.tenantName, lenderName: this.options.lenderName, now: () => this.now() });
      this.organisations.set(id, books);
    }
    return books;
  }

  /** Notes that an organisation has feed connections or statements pending, for `settleDue`. */
  pending(books: OrganisationBooks): void {
    this.unsettled.add(books);
  }

  /** Settles the feed connections and statements now due, in the organisations that have some pending. */
  settleDue(): void {
    const now = this.now();
    for (const books of this.unsettled) {
      let waiting = false;
      for (const connection of books.feedConnections) {
        if (connection.status === 'PENDING' && connection.dueAt <= now) settleFeedConnection(books, connection);
        waiting ||= connection.status === 'PENDING';
      }
      for (const statement of books.statements) {
        if (statement.status === 'PENDING' && statement.dueAt <= now) settleStatement(books, statement);
        waiting ||= statement.status === 'PENDING';
      }
      if (!waiting) this.unsettled.delete(books);
    }
  }

  queueFault(spec: FaultSpec<XeroFault>): QueuedFault<XeroFault> {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  patchSettings(patch: Record<string, unknown>): void {
    const limits: Partial<XeroRateLimitSettings> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new SandboxInputError(`${key} must be a non-negative number.`);
      if (key === 'feedConnectionDelayMs' || key === 'statementDelayMs') this.settings[key] = value;
      else if (key in this.rateLimits.settings) limits[key as keyof XeroRateLimitSettings] = value;
      else throw new SandboxInputError(`Unknown setting ${key}.`);
    }
    this.rateLimits.update(limits);
  }

  currentSettings(): Record<string, unknown> {
    return { ...this.settings, rateLimits: { ...this.rateLimits.settings } };
  }

  /** Forgets every organisation's writes (the demo books are seeded again), faults, keys, limits and the log. */
  reset(): void {
    this.organisations.clear();
    this.unsettled.clear();
    this.faults.clear();
    this.idempotency.clear();
    this.requests.clear();
    this.rateLimits.reset();
  }
}
