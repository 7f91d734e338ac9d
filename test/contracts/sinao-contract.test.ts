import { sinaoOperation, validateSinaoExchange } from './sinao-contract';
import { SINAO_SPEC_BUGS } from './sinao-spec-bugs';

describe("Sinao's specification as the contract check reads it", () => {
  it('matches paths with their trailing slash exactly as the specification writes them', () => {
    expect(sinaoOperation('GET', '/apps/12/transactions/')).toBe('app.cashflow.transactions.list');
    expect(sinaoOperation('GET', '/apps/12/transactions')).toBeNull();
    expect(sinaoOperation('POST', '/apps/12/reconcile')).toBe('app.payments.reconciliation.reconcile');
    expect(sinaoOperation('POST', '/apps/12/transactions/batch')).toBe('app.cashflow.transactions.batch');
    expect(sinaoOperation('GET', '/apps/12/transactions/99')).toBe('app.cashflow.transactions.get');
  });

  it('rejects an answer of the wrong shape and accepts the right one', () => {
    const tx = { id: 1, amount: -5000, label: 'Frais', method: 'transfer', received_at: '2026-01-02T00:00:00.000000Z', cashflow_source: { id: 3, name: 'Prêteur' } };
    expect(validateSinaoExchange({ method: 'GET', path: '/apps/1/transactions/1', status: 200, responseBody: tx }).responseErrors).toEqual([]);
    expect(validateSinaoExchange({ method: 'GET', path: '/apps/1/transactions/1', status: 200, responseBody: { ...tx, amount: '-50.00' } }).responseErrors).not.toEqual([]);
    expect(validateSinaoExchange({ method: 'GET', path: '/apps/1/transactions/1', status: 200, responseBody: { ...tx, method: 'wire' } }).responseErrors).not.toEqual([]);
    expect(validateSinaoExchange({ method: 'GET', path: '/apps/1/transactions/', status: 200, responseBody: { data: [tx] } }).responseErrors).not.toEqual([]);
    expect(validateSinaoExchange({ method: 'GET', path: '/apps/1/transactions/1', status: 404, responseBody: { code: 404, message: 'Transaction 1 not found', type: 'not_found' } }).responseErrors).toEqual([]);
    expect(validateSinaoExchange({ method: 'GET', path: '/apps/1/transactions/1', status: 404, responseBody: { error: 'nope' } }).responseErrors).not.toEqual([]);
  });

  it('checks a JSON body against the operation\'s query parameters', () => {
    const post = (requestBody: object) => validateSinaoExchange({ method: 'POST', path: '/apps/1/transactions/', requestBody, status: 200, responseBody: {} }).requestErrors;
    expect(post({ cashflow_source_id: 3, amount: -5000, received_at: '2026-01-02T00:00:00Z', label: 'Frais' })).toEqual([]);
    expect(post({ cashflow_source_id: 3, received_at: '2026-01-02T00:00:00Z' })).toEqual([expect.stringMatching(/amount is required/)]);
    expect(post({ cashflow_source_id: 3, amount: 12.5, received_at: '2026-01-02T00:00:00Z' })).toEqual([expect.stringMatching(/amount/)]);
    expect(post({ cashflow_source_id: 3, amount: 1, received_at: '2026-01-02T00:00:00Z', metadata: ['x'] })).toEqual([expect.stringMatching(/metadata is not a parameter/)]);
    const reconcile = (movements: unknown) => validateSinaoExchange({ method: 'POST', path: '/apps/1/reconcile', requestBody: { type: 'transaction', id: 4, movements }, status: 200, responseBody: {} }).requestErrors;
    expect(reconcile([{ type: 'account', id: 7, amount: 5000 }])).toEqual([]);
    expect(reconcile([{ type: 'transaction', id: 7, amount: 5000 }])).not.toEqual([]);
  });

  it('lists each correction of the specification with its reason', () => {
    expect(SINAO_SPEC_BUGS.length).toBeGreaterThan(0);
    for (const bug of SINAO_SPEC_BUGS) expect(bug.why.length).toBeGreaterThan(40);
  });
});
