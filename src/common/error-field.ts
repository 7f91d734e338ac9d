import { GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';

/**
 * The input field a request error is about, named as the gateway's own checks name it: an
 * argument (`companyId`, `first`), or a dotted path inside an input object argument
 * (`amount`, `address.postalCode`). graphql-js reports coercion and validation failures
 * against variables and AST nodes, so the name is derived from the document.
 */
export function requestErrorField(error: unknown, message: string): string | undefined {
  const source = error instanceof GraphQLError ? error.source?.body : undefined;
  const doc = source ? tryParse(source) : undefined;
  const nodes = error instanceof GraphQLError ? error.nodes ?? [] : [];

  const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(message)?.[1];
  if (variable) {
    // `... got invalid value … at "input.address.postalCode"; Field "x" of required type …` and the like.
    const at = /\bat "([^"]+)"/.exec(message)?.[1];
    const inner = at ? at.split(/\.|\[\d+\]/).filter(Boolean).slice(1) : [];
    const named = namedField(message);
    const usage = doc ? variableUsage(doc, variable) : undefined;
    return relative([...(usage ?? [variable]), ...inner, ...(named ? [named] : [])]);
  }
  const argument = /^Argument "([^"]+)" of required type/.exec(message)?.[1] ?? /^Unknown argument "([^"]+)"/.exec(message)?.[1];
  const node = nodes[0];
  const path = doc && node?.loc ? pathAt(doc, node.loc.start, node.kind) : undefined;
  if (argument) return relative([argument]);
  if (path?.length) {
    const named = namedField(message);
    return relative(named && path[path.length - 1] !== named ? [...path, named] : path);
  }
  if (node?.kind === Kind.FIELD) return node.name.value;
  return undefined;
}

/** `input.amount` → `amount`: fields inside an input object are named relative to it, as class-validator names them. */
const relative = (path: string[]) => (path.length > 1 ? path.slice(1) : path).join('.');

/** The field a message names: `Field "amount" of required type`, `Field "RecordFeeInput.amount" …`, `Field "x" is not defined`. */
function namedField(message: string): string | undefined {
  const m = /Field "([^"]+)" (?:of required type|is not defined by type)/.exec(message);
  return m ? m[1].split('.').pop() : undefined;
}

function tryParse(body: string): DocumentNode | undefined {
  try {
    return parse(body);
  } catch {
    return undefined;
  }
}

/** Argument and object-field names enclosing each node, as the visitor walks down. */
function walk(doc: DocumentNode, onNode: (node: ASTNode, path: string[]) => boolean): string[] | undefined {
  const stack: string[] = [];
  let found: string[] | undefined;
  visit(doc, {
    enter(node) {
      if (found) return false;
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) stack.push(node.name.value);
      if (onNode(node, stack)) found = [...stack];
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) stack.pop();
    },
  });
  return found;
}

/** Where `$name` is first passed: the argument, and the object fields inside it, that receive it. */
const variableUsage = (doc: DocumentNode, name: string) =>
  walk(doc, (node, path) => node.kind === Kind.VARIABLE && node.name.value === name && path.length > 0);

/** The arguments and object fields enclosing the node of `kind` that starts at `start`. */
const pathAt = (doc: DocumentNode, start: number, kind: string) => walk(doc, (node) => node.kind === kind && node.loc?.start === start);
