/**
 * Where Sinao's published specification (../shared/contracts/sinao/openapi.yaml, v1.1.0) is wrong
 * about Sinao's own API, and how the contract check reads it instead. Each entry patches the loaded
 * document; nothing else in the check departs from the file.
 */

type Doc = Record<string, any>;

export interface SpecBug {
  where: string;
  what: string;
  why: string;
  patch(doc: Doc): void;
}

export const SINAO_SPEC_BUGS: readonly SpecBug[] = [
  {
    where: '#/components/schemas/Transaction/properties/{label,details,method}',
    what: 'typed integer',
    why: 'The create and update operations take them as strings (method as the enum check, transfer, …), and the documentation\'s examples send labels such as "Stripe fees Invoice AFBBBD63-0005". Read as strings (method with its enum).',
    patch: (doc) => {
      const props = doc.components.schemas.Transaction.properties;
      props.label = { type: 'string' };
      props.details = { type: 'string' };
      props.method = { type: 'string', enum: ['check', 'transfer', 'cash', 'creditcard', 'automatic_debit', 'creditnote'] };
    },
  },
  {
    where: 'every oneOf (Transaction.contact, SalesDocumentContract.customer, Payment.document, …)',
    what: 'oneOf between open object schemas with no required field and no discriminator',
    why: 'Any object then matches every branch (an organisation is also a valid ContactPerson), so oneOf, which demands exactly one match, rejects every value. Read as anyOf.',
    patch: (doc) => walk(doc, (node) => {
      if (Array.isArray(node.oneOf)) {
        node.anyOf = node.oneOf;
        delete node.oneOf;
      }
    }),
  },
  {
    where: 'every pattern (organisation name, code_naf, NIC, …)',
    what: 'written as JavaScript regular-expression literals, e.g. /^[0-9]{4}[a-z]$/i',
    why: 'A JSON Schema pattern has no delimiters or flags: as written each would demand literal slashes and an "i". Read as the expression between the slashes, case-insensitively as the flag says.',
    patch: (doc) => walk(doc, (node) => {
      const match = typeof node.pattern === 'string' ? /^\/(.*)\/i$/s.exec(node.pattern) : null;
      if (match) node.pattern = match[1].replace(/\\\\/g, '\\');
    }),
  },
  {
    where: 'string parameters with minimum (organization_name, organisation name, API key name, …)',
    what: '`minimum` on a string',
    why: '`minimum` bounds numbers; the descriptions ("Minimum 3 characters") mean a length. Read as minLength.',
    patch: (doc) => walk(doc, (node) => {
      if (node.type === 'string' && typeof node.minimum === 'number') {
        node.minLength = node.minimum;
        delete node.minimum;
      }
    }),
  },
  {
    where: '#/paths/~1apps~1{appId}~1reconcile/post, parameter movements',
    what: 'typed as one object',
    why: 'Its own description ("List of objects to reconcile with the parent object"), the documentation\'s example and the batch schema (Reconciliation.movements) make it a list. Read as an array of that object.',
    patch: (doc) => {
      const param = doc.paths['/apps/{appId}/reconcile'].post.parameters.find((p: Doc) => p.name === 'movements');
      param.schema = { type: 'array', minItems: 1, items: param.schema };
    },
  },
  {
    where: '#/paths/~1login/post, response 200',
    what: 'declares no body',
    why: 'The documentation (/docs/authentification) has login return the token that GET /refresh declares as JsonWebToken. Read as JsonWebToken.',
    patch: (doc) => {
      doc.paths['/login'].post.responses['200'].content = { 'application/json': { schema: { $ref: '#/components/schemas/JsonWebToken' } } };
    },
  },
  {
    where: 'formats openapi, object, string, RecurringInvoice, phone, double, ISO 3166-1 alpha-2',
    what: 'format names that are not formats (type names, schema names) or that no validator defines',
    why: 'They carry no checkable rule beyond the type; accepted as given.',
    patch: () => undefined,
  },
];

export const UNCHECKED_FORMATS = ['openapi', 'object', 'string', 'RecurringInvoice', 'phone', 'double', 'ISO 3166-1 alpha-2', 'binary'];

function walk(node: unknown, visit: (node: Doc) => void): void {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node && typeof node === 'object') {
    visit(node as Doc);
    for (const value of Object.values(node)) walk(value, visit);
  }
}
