import { randomBytes } from 'crypto';
import { seedDemoBooks } from './demo-company.seed';
import { COMMON_FAULTS, FaultQueue, RequestLog, type CommonFault, type FaultSpec, type QueuedFault } from '../kit';
import { SinaoError } from './sinao-error';
import type { ApiKeyRecord, AppRecord, Books, UserRecord } from './sinao-sandbox.types';

/** The sandbox's documented user: `POST /login` with these credentials. */
export const SANDBOX_USER = { email: 'demo@sinao.sandbox', password: 'sinao-sandbox' } as const;

/** Where each kind of id starts, so that an id of one kind passed as another is unlikely to exist. */
const ID_STARTS: Record<string, number> = {
  user: 1, app: 100, apikey: 1, organization: 200, invoice: 300, purchase: 400, account: 500,
  cashflow_source: 10, transaction: 1000, payment: 5000, rule: 50,
};

export interface SinaoSandboxSettings {
  /**
   * How lists are answered: `array` as the specification shows them (the default), or `data` as
   * the documentation's examples show them (`{"data": [...]}`), for clients that must read both.
   */
  listEnvelope: 'array' | 'data';
}

export interface SinaoSandboxStoreOptions {
  lenderName: string;
  /** Keys that open every app (a convenience for demos); keys made through the API open their own app only. */
  apiKeys?: string[];
  requestLogSize?: number;
}

/** Everything the Sinao sandbox holds: users, apps with their books, API keys, faults and the request log. */
export class SinaoSandboxStore {
  /** Sinao writes synchronously: only the exchange's faults, of which a 500 or a lost answer may come after the write. */
  readonly faults = new FaultQueue<CommonFault>({ kinds: COMMON_FAULTS, mayLand: ['SERVER_ERROR', 'LOSE_RESPONSE'] });
  readonly requests: RequestLog;
  readonly settings: SinaoSandboxSettings = { listEnvelope: 'array' };
  /** Signs the bearer tokens `POST /login` hands out; new on every start, as tokens need not outlive the sandbox. */
  readonly tokenSecret = randomBytes(32).toString('hex');
  private users: UserRecord[] = [];
  private apps = new Map<number, AppRecord>();
  private keys: ApiKeyRecord[] = [];
  private sequences = new Map<string, number>();

  constructor(private readonly opts: SinaoSandboxStoreOptions) {
    this.requests = new RequestLog(opts.requestLogSize);
    this.reset();
  }

  /** Forgets every app, key, fault and logged request, and makes the sandbox user again. */
  reset(): void {
    this.users = [];
    this.apps.clear();
    this.keys = [];
    this.sequences.clear();
    this.faults.clear();
    this.requests.clear();
    this.settings.listEnvelope = 'array';
    const now = new Date().toISOString();
    this.users.push({ id: this.nextId('user'), ...SANDBOX_USER, civility: 'Mme', firstname: 'Camille', lastname: 'Durand', created_at: now });
  }

  queueFault(spec: FaultSpec<CommonFault>): QueuedFault<CommonFault> {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  nextId(kind: string): number {
    const next = this.sequences.get(kind) ?? ID_STARTS[kind] ?? 1;
    this.sequences.set(kind, next + 1);
    return next;
  }

  user(id: number): UserRecord | undefined {
    return this.users.find((user) => user.id === id);
  }

  userByEmail(email: string): UserRecord | undefined {
    return this.users.find((user) => user.email.toLowerCase() === email.toLowerCase());
  }

  /** The sandbox user, who owns the apps made outside the API. */
  get defaultUser(): UserRecord {
    return this.users[0];
  }

  /**
   * A new app whose books are the seeded French demo company, owned by `adminUserId`.
   *
   * @example
   * const app = store.createApp('Boulangerie Durand SARL');
   * const { key } = store.createApiKey(app.id, 'gateway');
   */
  createApp(organizationName: string, adminUserId = this.defaultUser.id): AppRecord {
    const now = new Date().toISOString();
    const app: AppRecord = {
      id: this.nextId('app'),
      admin_user_id: adminUserId,
      created_at: now,
      last_access_at: now,
      books: seedDemoBooks(organizationName, this.opts.lenderName, (kind) => this.nextId(kind)),
    };
    this.apps.set(app.id, app);
    return app;
  }

  app(id: number): AppRecord | undefined {
    return this.apps.get(id);
  }

  appsOf(userId: number): AppRecord[] {
    return [...this.apps.values()].filter((app) => app.admin_user_id === userId);
  }

  allApps(): AppRecord[] {
    return [...this.apps.values()];
  }

  /** The books of an app, or Sinao's 404. */
  books(appId: number): Books {
    const app = this.apps.get(appId);
    if (!app) throw SinaoError.notFound('App', appId);
    return app.books;
  }

  /**
   * A key bound to one app, as Sinao's are ("bound to one application only"). A caller that must
   * find its key again after a restart (a demo borrower stored in a database) passes its own `key`.
   */
  createApiKey(appId: number, name: string, opts: { key?: string; apiPartnerId?: number | null } = {}): ApiKeyRecord {
    if (!this.apps.has(appId)) throw SinaoError.notFound('App', appId);
    const record: ApiKeyRecord = {
      id: this.nextId('apikey'),
      app_id: appId,
      name,
      key: opts.key ?? randomBytes(24).toString('hex'),
      api_partner_id: opts.apiPartnerId ?? null,
      created_at: new Date().toISOString(),
    };
    this.keys.push(record);
    return record;
  }

  keysOf(appId: number): ApiKeyRecord[] {
    return this.keys.filter((key) => key.app_id === appId);
  }

  deleteApiKey(appId: number, id: number): boolean {
    const before = this.keys.length;
    this.keys = this.keys.filter((key) => !(key.app_id === appId && key.id === id));
    return this.keys.length < before;
  }

  /** What a key opens: one app, every app (a configured key), or nothing. */
  keyScope(key: string): { appId: number } | 'all' | undefined {
    if (this.opts.apiKeys?.includes(key)) return 'all';
    const found = this.keys.find((record) => record.key === key);
    return found ? { appId: found.app_id } : undefined;
  }
}
