import { seedBooks } from './books.seed';
import { IdempotencyCache, RequestLog, deterministicUuid, newUuid } from '../kit';
import { CODAT_IDEMPOTENCY } from './codat-dialect';
import { codatFaultQueue } from './codat-faults';
import { PullOperations } from './pull-operations';
import { PushEngine } from './push-engine';
import type {
  Books, BooksSnapshot, CodatCompany, CodatConnection, FaultSpec, QueuedFault, RequestLogEntry, SandboxSettings,
} from './sandbox.types';

export interface CodatSandboxStoreOptions {
  lenderName: string;
  pushDelayMs?: number;
  maxPageSize?: number;
  /** How many of the latest exchanges the request log keeps (default 10,000). */
  requestLogSize?: number;
}

export interface NewConnection {
  id?: string;
  platformName?: string;
  sourceType?: CodatConnection['sourceType'];
  integrationKey?: string;
}

/** With `readsAfterSync`, what a company's reads show: per data type, its books when that data type's last sync completed. */
interface SyncedViews {
  /** The books as of the moment the setting was switched on (or of the first read after it), for data types not synced since. */
  unsynced: Books;
  byDataType: Map<string, Books>;
}

interface CompanyState {
  company: Omit<CodatCompany, 'dataConnections'>;
  connections: CodatConnection[];
  books?: Books;
}

/** Codat platform keys the sandbox knows, from the spec's examples. */
const PLATFORM_KEYS: Record<string, string> = { Xero: 'gbol', Basiq: 'dfxm' };

/**
 * All of the Codat sandbox's state, in memory: companies, their connections and books, push
 * operations, syncs (pull operations), queued faults, idempotency keys, settings and the request log. The HTTP router
 * reads and writes it; tests and the demo seed it directly.
 */
export class CodatSandboxStore {
  readonly settings: SandboxSettings;
  /** The latest Codat exchanges, in a bounded ring. */
  readonly requests: RequestLog;
  readonly faults = codatFaultQueue();
  readonly idempotency = new IdempotencyCache(CODAT_IDEMPOTENCY);
  readonly pushes: PushEngine;
  readonly pulls: PullOperations;
  private companies = new Map<string, CompanyState>();
  /** With `readsAfterSync`, what reads show of each company's books, by company. */
  private readonly syncedViews = new Map<string, SyncedViews>();
  private readonly initialSettings: SandboxSettings;

  constructor(readonly options: CodatSandboxStoreOptions) {
    this.initialSettings = { pushDelayMs: options.pushDelayMs ?? 150, maxPageSize: options.maxPageSize ?? 5000, readsAfterSync: false };
    this.settings = { ...this.initialSettings };
    this.requests = new RequestLog(options.requestLogSize);
    this.pushes = new PushEngine({
      settings: this.settings,
      faults: this.faults,
      booksOf: (companyId) => this.companies.get(companyId)?.books,
      onApplied: (companyId, connectionId) => this.markSynced(companyId, connectionId),
    });
    this.pulls = new PullOperations(this.settings, (companyId, connectionId, dataType) => {
      this.markSynced(companyId, connectionId);
      const books = this.companies.get(companyId)?.books;
      // Codat refreshes only the data type it synced: the others' reads stay as they were.
      if (this.settings.readsAfterSync && books) this.viewsOf(companyId, books).byDataType.set(dataType, structuredClone(books));
    });
  }

  get lenderName(): string {
    return this.options.lenderName;
  }

  createCompany(name: string, id: string = newUuid(), description = ''): CodatCompany {
    if (this.companies.has(id)) throw new Error(`Company ${id} already exists in the Codat sandbox`);
    this.companies.set(id, {
      company: {
        id,
        name,
        description,
        redirect: `https://link.codat.io/company/${id}`,
        created: new Date().toISOString(),
        createdByUserName: null,
        products: ['lending'],
        referenceSubsidiaryCompanies: [],
      },
      connections: [],
    });
    return this.company(id)!;
  }

  hasCompany(id: string): boolean {
    return this.companies.has(id);
  }

  company(id: string): CodatCompany | undefined {
    const state = this.companies.get(id);
    return state ? structuredClone({ ...state.company, dataConnections: state.connections }) : undefined;
  }

  /** Links a connection at once. The first accounting connection seeds the company's books. */
  addConnection(companyId: string, input: NewConnection = {}): CodatConnection {
    const state = this.requireCompany(companyId);
    const platformName = input.platformName ?? 'Xero';
    const sourceType = input.sourceType ?? 'Accounting';
    const id = input.id ?? deterministicUuid(companyId, `connection:${state.connections.length + 1}`);
    if (state.connections.some((c) => c.id === id)) throw new Error(`Connection ${id} already exists on company ${companyId}`);
    const integrationKey = input.integrationKey ?? PLATFORM_KEYS[platformName] ?? 'sbox';
    const now = new Date().toISOString();
    const connection: CodatConnection = {
      id,
      integrationId: deterministicUuid('codat-sandbox', `integration:${integrationKey}`),
      integrationKey,
      sourceId: deterministicUuid(companyId, `source:${id}`),
      platformName,
      linkUrl: `https://link-api.codat.io/companies/${companyId}/connections/${id}/start`,
      status: 'Linked',
      lastSync: now,
      created: now,
      sourceType,
    };
    state.connections.push(connection);
    if (sourceType === 'Accounting' && !state.books) {
      state.books = seedBooks(companyId, this.lenderName, new Date());
      state.company.lastSync = now;
    }
    return structuredClone(connection);
  }

  addAccountingConnection(companyId: string, input: NewConnection = {}): CodatConnection {
    return this.addConnection(companyId, { platformName: 'Xero', sourceType: 'Accounting', ...input });
  }

  connection(companyId: string, connectionId: string): CodatConnection | undefined {
    const found = this.companies.get(companyId)?.connections.find((c) => c.id === connectionId);
    return found ? structuredClone(found) : undefined;
  }

  connections(companyId: string): CodatConnection[] {
    return structuredClone(this.companies.get(companyId)?.connections ?? []);
  }

  /** The live books the sandbox reads and writes; undefined before an accounting connection exists. */
  liveBooks(companyId: string): Books | undefined {
    return this.companies.get(companyId)?.books;
  }

  /**
   * The books Codat's reads of `dataType` (its §2.7 name: `chartOfAccounts` for accounts) show: the
   * live books, or with `readsAfterSync` the books as of that data type's last completed sync (or
   * of the moment the setting was switched on).
   */
  readableBooks(companyId: string, live: Books, dataType: string): Books {
    if (!this.settings.readsAfterSync) return live;
    const views = this.viewsOf(companyId, live);
    return views.byDataType.get(dataType) ?? views.unsynced;
  }

  /** Switches `readsAfterSync`; switching it on freezes what reads show of every company until the next sync of each data type. */
  setReadsAfterSync(on: boolean): void {
    this.syncedViews.clear();
    this.settings.readsAfterSync = on;
    if (!on) return;
    for (const [companyId, state] of this.companies) if (state.books) this.viewsOf(companyId, state.books);
  }

  /** A deep copy of a company's books with each bank account's statement and feed balance. */
  books(companyId: string): BooksSnapshot {
    const books = this.requireCompany(companyId).books;
    if (!books) throw new Error(`Company ${companyId} has no accounting connection, so no books`);
    const { statements, bankAccounts, ...rest } = structuredClone(books);
    return {
      companyId,
      bankAccounts: bankAccounts.map((bank) => {
        const lines = statements[bank.id] ?? [];
        return { ...bank, statementBalance: lines.length ? lines[lines.length - 1].balance : null, statementLines: lines };
      }),
      ...rest,
    };
  }

  queueFault(spec: FaultSpec): QueuedFault {
    return this.faults.add(spec);
  }

  /** Clearing faults also lets operations held Pending by STAY_PENDING complete. */
  clearFaults(): void {
    this.faults.clear();
    this.pushes.releaseHeld();
  }

  settleDue(): void {
    this.pushes.settleDue();
  }

  /** The kept exchanges, oldest first (the last `requestLogSize` of them). */
  get requestLog(): RequestLogEntry[] {
    return this.requests.entries();
  }

  clearRequestLog(): void {
    this.requests.clear();
  }

  reset(): void {
    this.companies.clear();
    this.pushes.reset();
    this.pulls.reset();
    this.faults.clear();
    this.idempotency.clear();
    this.clearRequestLog();
    this.syncedViews.clear();
    Object.assign(this.settings, this.initialSettings);
  }

  private requireCompany(companyId: string): CompanyState {
    const state = this.companies.get(companyId);
    if (!state) throw new Error(`No company ${companyId} in the Codat sandbox`);
    return state;
  }

  private viewsOf(companyId: string, live: Books): SyncedViews {
    let views = this.syncedViews.get(companyId);
    if (!views) {
      views = { unsynced: structuredClone(live), byDataType: new Map() };
      this.syncedViews.set(companyId, views);
    }
    return views;
  }

  private markSynced(companyId: string, connectionId: string): void {
    const state = this.companies.get(companyId);
    if (!state) return;
    const now = new Date().toISOString();
    state.company.lastSync = now;
    const connection = state.connections.find((c) => c.id === connectionId);
    if (connection) connection.lastSync = now;
  }
}
