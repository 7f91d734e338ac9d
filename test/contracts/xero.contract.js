/**
 * Xero's contract: the Accounting and Bank Feeds specs and the operations a direct Xero adapter
 * will use. See scripts/contracts/openapi-extract.js. No extract is committed until an adapter uses it.
 */
'use strict';

module.exports = {
  provider: 'xero',
  displayName: 'Xero',
  specDirEnv: 'XERO_CONTRACTS_DIR',
  specs: {
    accounting: { file: 'xero_accounting.yaml' },
    bankFeeds: { file: 'xero_bankfeeds.yaml', defPrefix: 'BankFeeds.' },
  },
  primary: 'accounting',
  operations: [
    { method: 'get', path: '/Accounts' },
    { method: 'put', path: '/Accounts' },
    { method: 'get', path: '/Contacts' },
    { method: 'get', path: '/Invoices' },
    { method: 'get', path: '/Invoices/{InvoiceID}' },
    { method: 'get', path: '/BankTransactions' },
    { method: 'put', path: '/BankTransactions' },
    { method: 'get', path: '/BankTransfers' },
    { method: 'put', path: '/BankTransfers' },
    { method: 'get', path: '/Payments' },
    { method: 'put', path: '/Payments' },
    { method: 'get', path: '/FeedConnections', spec: 'bankFeeds' },
    { method: 'post', path: '/FeedConnections', spec: 'bankFeeds' },
    { method: 'post', path: '/Statements', spec: 'bankFeeds' },
    { method: 'get', path: '/Statements/{statementId}', spec: 'bankFeeds' },
  ],
  knownBugs: [],
};
