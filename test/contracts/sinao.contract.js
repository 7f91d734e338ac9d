/**
 * Sinao's contract: its spec, the operations its adapter will use, and the spec's known bugs.
 * See scripts/contracts/openapi-extract.js. No extract is committed until an adapter uses it.
 */
'use strict';

const TRANSACTION_METHODS = ['check', 'transfer', 'cash', 'creditcard', 'automatic_debit', 'creditnote'];

module.exports = {
  provider: 'sinao',
  displayName: 'Sinao',
  specDirEnv: 'SINAO_CONTRACTS_DIR',
  specs: { api: { file: 'openapi.yaml' } },
  primary: 'api',
  // Every input is declared `in: query`, bodies included: the spec's generator wrote them so.
  operations: [
    { method: 'get', path: '/apps/{appId}/cashflowsources/' },
    { method: 'post', path: '/apps/{appId}/cashflowsources/' },
    { method: 'get', path: '/apps/{appId}/accounts/' },
    { method: 'get', path: '/apps/{appId}/transactions/' },
    { method: 'post', path: '/apps/{appId}/transactions/' },
    { method: 'get', path: '/apps/{appId}/transactions/{id}' },
    { method: 'post', path: '/apps/{appId}/reconcile' },
    { method: 'get', path: '/apps/{appId}/invoices' },
    { method: 'get', path: '/apps/{appId}/invoices/{id}' },
    { method: 'get', path: '/apps/{appId}/payments' },
  ],
  knownBugs: [
    {
      spec: 'api',
      pointer: '#/components/schemas/Transaction/properties/label',
      value: { type: 'string' },
      reason: 'Typed integer, but the create operation takes the label as a string and the docs show text.',
    },
    {
      spec: 'api',
      pointer: '#/components/schemas/Transaction/properties/details',
      value: { type: 'string' },
      reason: 'Typed integer, but the create operation takes details as a string.',
    },
    {
      spec: 'api',
      pointer: '#/components/schemas/Transaction/properties/method',
      value: { type: 'string', enum: TRANSACTION_METHODS },
      reason: 'Typed integer, but the create operation takes method as one of these strings.',
    },
  ],
};
