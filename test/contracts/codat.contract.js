/**
 * Codat's contract: the specs, the operations the gateway's Codat adapter uses (each exercised by
 * the contract tests), and the sandbox data taken from the specs. See scripts/contracts/openapi-extract.js.
 */
'use strict';

module.exports = {
  provider: 'codat',
  displayName: 'Codat',
  specDirEnv: 'CODAT_CONTRACTS_DIR',
  out: 'test/contracts/codat-operations.json',
  specs: {
    lending: { file: 'Codat-Lending.yaml' },
    bankFeeds: { file: 'Codat-Bank-Feeds.yaml', defPrefix: 'BankFeeds.' },
  },
  /** The spec whose paths the operations are taken from, unless an operation names another. */
  primary: 'lending',
  /**
   * The operations the gateway's Codat adapter calls. `requestBodyFrom` swaps in a
   * body schema from another spec: for bank transactions the gateway sends the Bank Feeds superset.
   */
  operations: [
    { method: 'get', path: '/companies/{companyId}' },
    { method: 'post', path: '/companies' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}' },
    { method: 'post', path: '/companies/{companyId}/connections' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/bankAccounts' },
    { method: 'get', path: '/companies/{companyId}/data/accounts' },
    { method: 'get', path: '/companies/{companyId}/data/accounts/{accountId}' },
    { method: 'get', path: '/companies/{companyId}/data/suppliers' },
    { method: 'get', path: '/companies/{companyId}/data/suppliers/{supplierId}' },
    { method: 'get', path: '/companies/{companyId}/data/invoices' },
    { method: 'get', path: '/companies/{companyId}/data/invoices/{invoiceId}' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/transfers' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/directCosts' },
    { method: 'get', path: '/companies/{companyId}/data/payments' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/bankAccounts' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/chartOfAccounts' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/suppliers' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/transfers' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/bankAccounts/{accountId}/bankTransactions' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/directCosts' },
    { method: 'get', path: '/companies/{companyId}/connections/{connectionId}/options/payments' },
    { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/bankAccounts' },
    { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/accounts' },
    { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/suppliers' },
    { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/transfers' },
    {
      method: 'post',
      path: '/companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions',
      requestBodyFrom: { spec: 'bankFeeds', pointer: '#/components/schemas/CreateBankTransactions' },
    },
    { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/directCosts' },
    { method: 'post', path: '/companies/{companyId}/connections/{connectionId}/push/payments' },
    { method: 'get', path: '/companies/{companyId}/push/{pushOperationKey}' },
    { method: 'get', path: '/companies/{companyId}/push' },
    // Syncs, so that a look-up after a time-out reads fresh data rather than Codat's stale cache.
    { method: 'post', path: '/companies/{companyId}/data/queue/{dataType}' },
    { method: 'get', path: '/companies/{companyId}/data/history/{datasetId}' },
  ],
  /** None of the schemas the adapter relies on is wrong; the validator's leniencies are in codat-contract.ts. */
  knownBugs: [],
  /**
   * Codat's own Xero "get create model" examples, served unchanged by the sandbox's options endpoints.
   */
  data: [
    {
      out: 'src/sandbox/codat/xero-push-options.json',
      spec: 'lending',
      values: {
        chartOfAccounts: '#/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1chartOfAccounts/get/responses/200/content/application~1json/examples/Xero/value',
        suppliers: '#/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1suppliers/get/responses/200/content/application~1json/examples/Xero/value',
        transfers: '#/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1transfers/get/responses/200/content/application~1json/examples/Xero/value',
        directCosts: '#/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1directCosts/get/responses/200/content/application~1json/examples/Xero/value',
        payments: '#/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1payments/get/responses/200/content/application~1json/examples/Xero/value',
      },
    },
  ],
};
