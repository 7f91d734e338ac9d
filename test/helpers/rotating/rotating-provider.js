'use strict';
/**
 * A test-only provider whose borrower authorises the gateway with OAuth and whose refresh tokens
 * are single-use, as Xero's are: each refresh answers a new access token (short-lived) and a new
 * refresh token, and a refresh token presented twice is refused and kills the connection. Plain
 * JavaScript so that the gateway processes of a test (node dist/…) can load it as they are.
 */

// Refreshes long before the provider's expiry, as OAuth clients do: here most of the token's life,
// so that rotations come often while a token in flight is still accepted.
const REFRESH_MARGIN_MS = 2500;
const fresh = (s) => !!s && !!s.accessToken && s.expiresAt > Date.now() + REFRESH_MARGIN_MS;

class RotatingAdapter {
  constructor(url) {
    this.url = url;
  }

  async refresh(current) {
    const res = await fetch(`${this.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: current.refreshToken }) });
    const body = await res.json();
    if (res.status !== 200) throw providerError('UNAUTHORIZED', `refresh refused: ${body.error}`);
    return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + body.expires_in_ms };
  }

  /** A live access token: refreshed under the company's lock when the stored one has run out. */
  async token(conn, stale) {
    const held = await conn.credentials.get();
    if (fresh(held) && held.accessToken !== stale) return held.accessToken;
    const secrets = await conn.credentials.rotate(async (current) => (fresh(current) && current.accessToken !== stale ? null : this.refresh(current)));
    return secrets.accessToken;
  }

  async call(conn, method, path, body) {
    let token = await this.token(conn, null);
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${this.url}/tenants/${conn.config.tenantId}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 401 && attempt === 0) {
        token = await this.token(conn, token);
        continue;
      }
      const text = await res.text();
      if (res.status >= 400) throw providerError(res.status === 401 ? 'UNAUTHORIZED' : 'REJECTED', `${method} ${path} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : null;
    }
  }

  async write(conn, kind, marker) {
    const { id } = await this.call(conn, 'POST', '/records', { kind, marker });
    return { status: 'SUCCESS', providerOperationId: null, recordIds: [id], errors: [], message: null };
  }

  async verifyConnection(conn) {
    await this.call(conn, 'GET', '/records');
    return { ok: true, companyName: `Tenant ${conn.config.tenantId}` };
  }
  async listBankAccounts(conn) {
    await this.call(conn, 'GET', '/records');
    const account = (id, name) => ({ id, name, currency: 'GBP', accountNumber: null, sortCode: null, iban: null, status: 'ACTIVE', balanceMinor: null });
    return [account('bank-lender', 'Lender account'), account('bank-current', 'Current account')];
  }
  async listAccounts(conn) {
    await this.call(conn, 'GET', '/records');
    return [{ id: 'fees', name: 'Finance fees', nominalCode: '4790', type: 'EXPENSE', fullyQualifiedCategory: null, status: 'ACTIVE', isBankAccount: false, currency: 'GBP' }];
  }
  async listSuppliers(conn) {
    await this.call(conn, 'GET', '/records');
    return [{ id: 'lender', name: 'Acme Invoice Finance Ltd', status: 'ACTIVE', emailAddress: null, phone: null }];
  }
  async listInvoices() {
    return [];
  }
  async getInvoice() {
    return null;
  }
  async bankAccountRequirements() {
    return [];
  }
  createBankAccount(conn, input, opts) {
    return this.write(conn, 'bank-account', opts.idempotencyKey);
  }
  createExpenseAccount(conn, input, opts) {
    return this.write(conn, 'expense-account', opts.idempotencyKey);
  }
  createSupplier(conn, input, opts) {
    return this.write(conn, 'supplier', opts.idempotencyKey);
  }
  postTransfer(conn, input) {
    return this.write(conn, 'transfer', input.marker);
  }
  postSpendMoney(conn, input) {
    return this.write(conn, 'spend-money', input.marker);
  }
  postInvoicePayment(conn, input) {
    return this.write(conn, 'invoice-payment', input.marker);
  }
  async postStatementLines() {
    throw providerError('REJECTED', 'no bank feed');
  }
  async findWrite(conn, kind, marker) {
    const records = await this.call(conn, 'GET', '/records');
    const found = records.find((r) => r.marker === marker);
    return found ? found.id : null;
  }
  async findWrites(conn, kind, markers) {
    const records = await this.call(conn, 'GET', '/records');
    return markers.map((m) => (records.find((r) => r.marker === m) || { id: null }).id);
  }
}

function providerError(kind, message) {
  // The gateway's own class, from wherever this process loaded the gateway.
  const { ProviderError } = require(process.env.ROTATING_GATEWAY_ROOT + '/providers/provider-error');
  return new ProviderError(kind, message, { provider: 'Rotating Books' });
}

class RotatingConnectionInput {}

const rotating = {
  kind: 'ROTATING',
  displayName: 'Rotating Books',
  inputKey: 'rotating',
  capabilities: {
    writes: 'sync',
    idempotencyKeys: false,
    statements: 'none',
    maxStatementLines: 1,
    orderedStatements: false,
    oauth: true,
    mappingFields: ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId'],
  },
  parseEnv: (env) => {
    const url = env.url('ROTATING_URL');
    if (url === null) throw env.invalid('ROTATING_URL', 'the test provider URL');
    return { url };
  },
  connectionInput: RotatingConnectionInput,
  parseConnection: (input) => ({
    config: { tenantId: input.tenantId },
    secrets: { refreshToken: input.refreshToken, accessToken: null, expiresAt: 0 },
    key: input.tenantId,
    keyField: 'tenantId',
  }),
  createAdapter: ({ env }) => new RotatingAdapter(env.url),
};

module.exports = { rotating, REFRESH_MARGIN_MS };
