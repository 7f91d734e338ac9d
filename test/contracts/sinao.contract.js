/**
 * Sinao's contract: its spec, the operations its adapter and its sandbox use, the spec's known
 * bugs (every one, each with its reason) and how exchanges are read. See
 * scripts/contracts/openapi-extract.js. No extract is committed: the contract tests and the
 * sandbox's tests build it from the spec.
 */
'use strict';

const TRANSACTION_METHODS = ['check', 'transfer', 'cash', 'creditcard', 'automatic_debit', 'creditnote'];
/** Format names that are not formats (type names, schema names) or that no validator defines. */
const NOT_FORMATS = ['openapi', 'object', 'string', 'RecurringInvoice', 'phone', 'ISO 3166-1 alpha-2'];

module.exports = {
  provider: 'sinao',
  displayName: 'Sinao',
  specDirEnv: 'SINAO_CONTRACTS_DIR',
  specs: { api: { file: 'openapi.yaml' } },
  primary: 'api',
  // Every operation the adapter calls or the sandbox serves. Every input is declared `in: query`,
  // bodies included: the spec's generator wrote them so (see `validation`).
  operations: [
    { method: 'delete', path: '/apps/{appId}/apikeys/{id}' },
    { method: 'delete', path: '/apps/{appId}/payments/{id}' },
    { method: 'delete', path: '/apps/{appId}/reconcile' },
    { method: 'delete', path: '/apps/{appId}/rules/{id}' },
    { method: 'delete', path: '/apps/{appId}/transactions/{id}' },
    { method: 'get', path: '/apps' },
    { method: 'get', path: '/apps/{appId}' },
    { method: 'get', path: '/apps/{appId}/accounts/' },
    { method: 'get', path: '/apps/{appId}/accounts/{id}' },
    { method: 'get', path: '/apps/{appId}/apikeys' },
    { method: 'get', path: '/apps/{appId}/cashflowsources/' },
    { method: 'get', path: '/apps/{appId}/cashflowsources/{id}' },
    { method: 'get', path: '/apps/{appId}/invoices' },
    { method: 'get', path: '/apps/{appId}/invoices/{id}' },
    { method: 'get', path: '/apps/{appId}/organizations' },
    { method: 'get', path: '/apps/{appId}/organizations/{id}' },
    { method: 'get', path: '/apps/{appId}/payments' },
    { method: 'get', path: '/apps/{appId}/payments/{id}' },
    { method: 'get', path: '/apps/{appId}/rules/' },
    { method: 'get', path: '/apps/{appId}/rules/{id}' },
    { method: 'get', path: '/apps/{appId}/transactions/' },
    { method: 'get', path: '/apps/{appId}/transactions/{id}' },
    { method: 'get', path: '/me' },
    { method: 'get', path: '/refresh' },
    { method: 'post', path: '/apps' },
    { method: 'post', path: '/apps/{appId}/accounts/' },
    { method: 'post', path: '/apps/{appId}/apikeys' },
    { method: 'post', path: '/apps/{appId}/cashflowsources/' },
    { method: 'post', path: '/apps/{appId}/cashflowsources/{id}' },
    { method: 'post', path: '/apps/{appId}/organizations' },
    { method: 'post', path: '/apps/{appId}/reconcile' },
    { method: 'post', path: '/apps/{appId}/rules/' },
    { method: 'post', path: '/apps/{appId}/transactions/' },
    { method: 'post', path: '/apps/{appId}/transactions/{id}' },
    { method: 'post', path: '/login' },
  ],
  validation: {
    inputsInQuery: true,
    // The spec declares no error body; errors are read as ApiResponse, the body its deletes and
    // actions answer, whose three fields an error must carry to tell the client anything.
    errorBody: { pointer: '#/components/schemas/ApiResponse', required: ['code', 'message', 'type'] },
    // Its patterns are written as /…/i literals (see the known bug below).
    patternFlags: 'i',
    // Deletes and some actions declare their 200 without content, yet answer ApiResponse as the docs show.
    bodiesWithoutSchema: true,
  },
  knownBugs: [
    {
      spec: 'api',
      pointer: '#/components/schemas/Transaction/properties/label',
      value: { type: 'string' },
      reason: 'Typed integer, but the create operation takes the label as a string and the docs show text ("Stripe fees Invoice AFBBBD63-0005").',
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
    {
      spec: 'api',
      where: 'parameter movements of POST /apps/{appId}/reconcile',
      rewrite: (node) => {
        if (node.name !== 'movements' || node.in !== 'query' || !node.schema || node.schema.type !== 'object') return false;
        node.schema = { type: 'array', minItems: 1, items: node.schema };
        return true;
      },
      reason: 'Typed as one object, but its own description ("List of objects to reconcile with the parent object"), the docs\' example and Reconciliation.movements make it a list of that object.',
    },
    {
      spec: 'api',
      pointer: '#/paths/~1login/post/responses/200',
      value: { description: 'Successful Operation', content: { 'application/json': { schema: { $ref: '#/components/schemas/JsonWebToken' } } } },
      reason: 'Declares no body, but the docs (/docs/authentification) have login return the token that GET /refresh declares as JsonWebToken.',
    },
    {
      spec: 'api',
      where: 'every oneOf (Transaction.contact, SalesDocumentContract.customer, Payment.document, …)',
      rewrite: (node) => {
        if (!Array.isArray(node.oneOf)) return false;
        node.anyOf = node.oneOf;
        delete node.oneOf;
        return true;
      },
      reason: 'oneOf between open object schemas with no required field and no discriminator: any object matches every branch, so oneOf (exactly one) rejects every value. Read as anyOf.',
    },
    {
      spec: 'api',
      where: 'every pattern (organisation name, code_naf, NIC, …)',
      rewrite: (node) => {
        const literal = typeof node.pattern === 'string' ? /^\/(.*)\/i$/s.exec(node.pattern) : null;
        if (!literal) return false;
        node.pattern = literal[1].replace(/\\\\/g, '\\');
        return true;
      },
      reason: 'Written as JavaScript literals (/^[0-9]{4}[a-z]$/i): a JSON Schema pattern has no delimiters or flags. Read as the expression between the slashes, case-insensitively as the flag says (validation.patternFlags).',
    },
    {
      spec: 'api',
      where: 'string schemas with minimum (organization_name, API key name, …)',
      rewrite: (node) => {
        if (node.type !== 'string' || typeof node.minimum !== 'number') return false;
        node.minLength = node.minimum;
        delete node.minimum;
        return true;
      },
      reason: '`minimum` bounds numbers; the descriptions ("Minimum 3 characters") mean a length. Read as minLength.',
    },
    {
      spec: 'api',
      where: `formats ${NOT_FORMATS.join(', ')}`,
      rewrite: (node) => {
        if (!NOT_FORMATS.includes(node.format)) return false;
        delete node.format;
        return true;
      },
      reason: 'Format names that are not formats (type names, schema names) or that no validator defines: they carry no rule beyond the type.',
    },
  ],
};
