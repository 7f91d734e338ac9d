import { SandboxInputError } from '../kit';

type Literal = string | number | boolean | null;
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'compare'; path: string[]; op: string; value: Literal }
  | { kind: 'call'; path: string[]; fn: 'contains' | 'startswith' | 'endswith'; value: string }
  | { kind: 'truthy'; path: string[] };

const TOKEN = /\s*(?:(&&|\|\||==|!=|>=|<=|>|<|\(|\)|,|!)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_.]*)|(-?\d+(?:\.\d+)?))/y;

/**
 * Xero's `where` filter over the records as the API shows them (PascalCase fields, dotted paths
 * such as `Contact.Name`): comparisons `==`, `!=`, `>`, `>=`, `<`, `<=` with strings, numbers,
 * `true`/`false`/`null`, `Guid("…")` and `DateTime(y,m,d)`; `.Contains("…")`, `.StartsWith("…")`,
 * `.EndsWith("…")` (case-insensitive, as Xero's are); `AND`/`&&`, `OR`/`||`, `NOT`/`!` and
 * parentheses. String equality is case-insensitive. Anything else is refused as Xero refuses
 * an unreadable filter.
 *
 * @example
 * const keep = whereFilter('Status=="ACTIVE" AND Type=="BANK"');
 * accounts.filter(keep);
 */
export function whereFilter(expression: string): (record: Record<string, unknown>) => boolean {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const expect = (text: string) => {
    if (take()?.text !== text) throw unreadable(expression);
  };
  const literal = (): Literal => {
    const token = take();
    if (!token) throw unreadable(expression);
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (word === 'guid') {
      expect('(');
      const value = take();
      expect(')');
      return value?.text ?? '';
    }
    if (word === 'datetime') {
      expect('(');
      const parts: number[] = [];
      while (peek() && peek().text !== ')') {
        const token = take();
        if (token.kind === 'number') parts.push(Number(token.text));
      }
      expect(')');
      const [y, m = 1, d = 1] = parts;
      return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
    }
    throw unreadable(expression);
  };
  const primary = (): Node => {
    const token = take();
    if (!token) throw unreadable(expression);
    if (token.text === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.text === '!' || token.text.toUpperCase() === 'NOT') return { kind: 'not', inner: primary() };
    if (token.kind !== 'word') throw unreadable(expression);
    const path = token.text.split('.');
    const last = path[path.length - 1].toLowerCase();
    if (['contains', 'startswith', 'endswith'].includes(last) && peek()?.text === '(') {
      take();
      const value = literal();
      expect(')');
      return { kind: 'call', path: path.slice(0, -1), fn: last as 'contains', value: String(value) };
    }
    const op = peek()?.kind === 'op' && ['==', '!=', '>', '>=', '<', '<='].includes(peek().text) ? take().text : undefined;
    if (!op) return { kind: 'truthy', path };
    return { kind: 'compare', path, op, value: literal() };
  };
  const and = (): Node => {
    let left = primary();
    while (peek() && (peek().text === '&&' || peek().text.toUpperCase() === 'AND')) {
      take();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() && (peek().text === '||' || peek().text.toUpperCase() === 'OR')) {
      take();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (at !== tokens.length) throw unreadable(expression);
  return (record) => evaluate(tree, record);
}

function tokenize(expression: string): Array<{ kind: 'op' | 'string' | 'word' | 'number'; text: string }> {
  const tokens: Array<{ kind: 'op' | 'string' | 'word' | 'number'; text: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(expression);
    if (!match) throw unreadable(expression);
    if (match[1] !== undefined) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2].replace(/\\(.)/g, '$1') });
    else if (match[3] !== undefined) tokens.push({ kind: 'word', text: match[3] });
    else tokens.push({ kind: 'number', text: match[4] });
  }
  return tokens;
}

function unreadable(expression: string): SandboxInputError {
  return new SandboxInputError(`The where filter could not be parsed: ${expression}`);
}

function read(record: unknown, path: string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    const entry = Object.entries(value as Record<string, unknown>).find(([name]) => name.toLowerCase() === key.toLowerCase());
    value = entry?.[1];
  }
  // Dates are compared by their day: `/Date(…)/` reads as YYYY-MM-DD.
  const ms = typeof value === 'string' ? /^\/Date\((-?\d+)/.exec(value) : null;
  return ms ? new Date(Number(ms[1])).toISOString().slice(0, 10) : value;
}

function evaluate(node: Node, record: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and': return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or': return evaluate(node.left, record) || evaluate(node.right, record);
    case 'not': return !evaluate(node.inner, record);
    case 'truthy': return read(record, node.path) === true;
    case 'call': {
      const value = String(read(record, node.path) ?? '').toLowerCase();
      const wanted = node.value.toLowerCase();
      return node.fn === 'contains' ? value.includes(wanted) : node.fn === 'startswith' ? value.startsWith(wanted) : value.endsWith(wanted);
    }
    case 'compare': {
      const raw = read(record, node.path);
      const value = raw === undefined ? null : raw;
      const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
      const a = norm(value);
      const b = norm(node.value);
      if (node.op === '==') return a === b;
      if (node.op === '!=') return a !== b;
      if (a === null || b === null) return false;
      const [x, y] = typeof a === 'number' && typeof b === 'number' ? [a, b] : [String(a), String(b)];
      return node.op === '>' ? x > y : node.op === '>=' ? x >= y : node.op === '<' ? x < y : x <= y;
    }
  }
}
