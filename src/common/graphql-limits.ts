import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { AppError, type ErrorCode } from '../errors';
import { MAX_PAGE_SIZE } from './pagination';

/**
 * What one GraphQL request may ask for. Every operation in the README and the test suite stays
 * well below each (the deepest has 4 levels, the most aliases 8, the most tokens about 130, the
 * costliest about 18,000: a page of 500 write-back operations), so only abuse reaches them.
 * A refused request answers HTTP 400 with the code beside each limit, before anything runs.
 */
export const GRAPHQL_LIMITS = {
  /** Nesting of fields, fragments flattened (`QUERY_TOO_DEEP`). */
  depth: 8,
  /** Aliased fields in one operation, fragments included (`TOO_MANY_ALIASES`). */
  aliases: 30,
  /** Lexical tokens in the query text (`TOO_MANY_TOKENS`): bounds parsing and validation work. */
  tokens: 2000,
  /**
   * graphql-armor's cost: 1 per scalar field, 2 per object field, ×1.5 per level of nesting, a
   * list × its page size `first` (`QUERY_TOO_COSTLY`).
   */
  cost: 50_000,
} as const;

/** Reports a limit as a validation error (HTTP 400) instead of letting the rule throw out of validation (HTTP 500). */
function refuse(code: ErrorCode, message: (found: string) => string) {
  return [
    (ctx: ValidationContext | null, err: GraphQLError) => {
      const found = /found (\d+(?:\.\d+)?)/.exec(err.message)?.[1] ?? '';
      const text = message(found);
      ctx?.reportError(new GraphQLError(text, { originalError: new AppError(code, text) }));
    },
  ];
}

/** The depth and alias rules, in Apollo's `validationRules`. */
export function limitRules(): ValidationRule[] {
  const { depth, aliases } = GRAPHQL_LIMITS;
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({ ...common, n: depth, flattenFragments: true, onReject: refuse('QUERY_TOO_DEEP', (found) => `The query is nested ${found} levels deep; at most ${depth} are allowed.`) }),
    maxAliasesRule({ ...common, n: aliases, onReject: refuse('TOO_MANY_ALIASES', (found) => `The query uses ${found} aliases; at most ${aliases} are allowed.`) }),
  ] as ValidationRule[];
}

/**
 * The cost limit, once the operation is known. graphql-armor multiplies a list by its `first`
 * only when `first` is written in the query; here every page size is made literal first (from the
 * variables, the variable's default or the argument's default), so `first: $n` cannot hide one.
 */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  const { cost } = GRAPHQL_LIMITS;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const found = operationCost(schema, document, operation, request.variables ?? {});
          if (found <= cost) return;
          const message = `The query would cost ${Math.round(found)}; at most ${cost} is allowed. Ask for fewer fields, levels or items per page.`;
          throw new GraphQLError(message, { originalError: new AppError('QUERY_TOO_COSTLY', message), extensions: { http: { status: 400, headers: new HeaderMap() } } });
        },
      };
    },
  };
}

/** graphql-armor's cost of the operation, with the page sizes the request will really get. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  let cost = 0;
  const rule = costLimitRule({ maxCost: Infinity, flattenFragments: true, onAccept: [(_ctx, details: { n: number }) => (cost = details.n)] });
  validate(schema, withPageSizes(schema, document, operation, variables), [rule as ValidationRule]);
  return cost;
}

/** The operation (with its fragments) with every `first` written out as the page size the request will get. */
function withPageSizes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): DocumentNode {
  const defaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue?.kind === Kind.INT) defaults.set(v.variable.name.value, Number(v.defaultValue.value));
  }
  const valueOf = (name: string) => (typeof variables[name] === 'number' ? variables[name] : defaults.get(name));
  const only: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  const typeInfo = new TypeInfo(schema);
  return visit(
    only,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        const arg = typeInfo.getFieldDef()?.args.find((a) => a.name === 'first');
        if (!arg) return undefined;
        const given = node.arguments?.find((a) => a.name.value === 'first');
        const size = !given ? arg.defaultValue : given.value.kind === Kind.VARIABLE ? valueOf(given.value.name.value) ?? arg.defaultValue : given.value.kind === Kind.INT ? Number(given.value.value) : undefined;
        if (typeof size !== 'number' || !Number.isInteger(size)) return undefined;
        // A page is never larger than the maximum: a bigger `first` is refused by the field itself, as bad input.
        const literal = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: String(Math.min(size, MAX_PAGE_SIZE)) } } as const;
        // armor reads the first `first`/`last` argument it meets: put the literal in front.
        return { ...node, arguments: [literal, ...(node.arguments ?? []).filter((a) => a !== given)] };
      },
    }),
  );
}

/**
 * The token limit, checked on the query text before Apollo parses it (Apollo has no hook to swap
 * its parser). A query that is merely malformed passes here and gets Apollo's syntax error.
 */
export function tokenLimitError(query: unknown): AppError | null {
  if (typeof query !== 'string') return null;
  const { tokens } = GRAPHQL_LIMITS;
  let refused = false;
  try {
    new MaxTokensParserWLexer(query, { n: tokens, onReject: [() => (refused = true)], propagateOnRejection: true }).parseDocument();
  } catch {
    /* a syntax error, or the limit (then `refused` is set) */
  }
  return refused ? new AppError('TOO_MANY_TOKENS', `The query has more than ${tokens} tokens; at most ${tokens} are allowed.`) : null;
}

/** Strips "Did you mean …?" from every error: in production the schema is not for guessing. */
export function hideSuggestionsPlugin(): ApolloServerPlugin {
  const armor = blockFieldSuggestionsPlugin({ mask: '' });
  // graphql-armor's envelop hook, applied to Apollo's errors: it rewrites each error's message in place.
  const mask = (errors: readonly GraphQLError[]) => {
    const end = (armor.onValidate as unknown as () => (p: { valid: boolean; result: readonly GraphQLError[]; setResult: () => void }) => void)();
    end({ valid: false, result: errors, setResult: () => undefined });
    // graphql-js also suggests enum values when a variable is coerced ("Did you mean the enum value …?").
    for (const e of errors) e.message = e.message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
  };
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          mask(errors);
        },
      };
    },
  };
}
