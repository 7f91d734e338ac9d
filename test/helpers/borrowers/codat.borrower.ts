import type { BorrowerFixture } from './borrower-fixture';

const ADMIN = '/sandbox/codat/_sandbox';

/** Borrowers in the embedded Codat sandbox: a Codat company with an accounting (Xero) connection. */
export const codatBorrowers: BorrowerFixture<{ codatCompanyId: string; codatConnectionId: string }> = {
  provider: 'Codat',

  async create(t, name) {
    const store = t.sandbox.store;
    const company = store.createCompany(name);
    const connection = store.addAccountingConnection(company.id, {});
    return {
      ref: company.id,
      registration: { connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey: null } } },
      ids: { codatCompanyId: company.id as string, codatConnectionId: connection.id as string },
    };
  },

  async books(t, ref) {
    const res = await t.http.get(`${ADMIN}/companies/${ref}/books`);
    if (res.status !== 200) throw new Error(`books: ${res.status}`);
    return res.body;
  },

  async injectFault(t, fault) {
    const res = await t.http.post(`${ADMIN}/faults`).send(fault);
    if (res.status >= 300) throw new Error(`fault injection failed: ${res.status} ${JSON.stringify(res.body)}`);
  },

  async clearFaults(t) {
    await t.http.delete(`${ADMIN}/faults`);
  },
};
