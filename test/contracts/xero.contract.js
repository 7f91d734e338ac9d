/**
 * Xero's contract: the Accounting, Bank Feeds and Identity specs, the operations a direct Xero
 * adapter will use and the sandbox serves. See scripts/contracts/openapi-extract.js. No
 * extract is committed until an adapter uses it.
 */
'use strict';

module.exports = {
  provider: 'xero',
  displayName: 'Xero',
  specDirEnv: 'XERO_CONTRACTS_DIR',
  specs: {
    accounting: { file: 'xero_accounting.yaml' },
    bankFeeds: { file: 'xero_bankfeeds.yaml', defPrefix: 'BankFeeds.' },
    identity: { file: 'xero-identity.yaml', defPrefix: 'Identity.' },
  },
  primary: 'accounting',
  operations: [
    { method: 'get', path: '/Organisation' },
    { method: 'get', path: '/Accounts' },
    { method: 'put', path: '/Accounts' },
    { method: 'get', path: '/Accounts/{AccountID}' },
    { method: 'get', path: '/Contacts' },
    { method: 'put', path: '/Contacts' },
    { method: 'get', path: '/Contacts/{ContactID}' },
    { method: 'get', path: '/Invoices' },
    { method: 'get', path: '/Invoices/{InvoiceID}' },
    { method: 'get', path: '/BankTransactions' },
    { method: 'put', path: '/BankTransactions' },
    { method: 'get', path: '/BankTransactions/{BankTransactionID}' },
    { method: 'get', path: '/BankTransfers' },
    { method: 'put', path: '/BankTransfers' },
    { method: 'get', path: '/BankTransfers/{BankTransferID}' },
    { method: 'get', path: '/Payments' },
    { method: 'put', path: '/Payments' },
    { method: 'get', path: '/Payments/{PaymentID}' },
    { method: 'get', path: '/FeedConnections', spec: 'bankFeeds' },
    { method: 'post', path: '/FeedConnections', spec: 'bankFeeds' },
    { method: 'get', path: '/FeedConnections/{id}', spec: 'bankFeeds' },
    { method: 'post', path: '/FeedConnections/DeleteRequests', spec: 'bankFeeds' },
    { method: 'get', path: '/Statements', spec: 'bankFeeds' },
    { method: 'post', path: '/Statements', spec: 'bankFeeds' },
    { method: 'get', path: '/Statements/{statementId}', spec: 'bankFeeds' },
    { method: 'get', path: '/Connections', spec: 'identity' },
    { method: 'delete', path: '/Connections/{id}', spec: 'identity' },
  ],
  /** The token endpoint (identity.xero.com/connect/token) is no path of the spec; its answer is AccessToken. */
  schemas: {
    accessToken: { spec: 'identity', pointer: '#/components/schemas/AccessToken' },
  },
  knownBugs: [],
};
