import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors';
import { IsText, LIMITS, textProblem } from './validation';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

/** No list answers more than this many nodes per page. */
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'At most 500.' })
  @IsOptional()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page; any other value is refused.' })
  @IsOptional()
  @IsText({ max: LIMITS.cursor })
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

const pageTypes = new Map<ClassType, ClassType>();

/**
 * The GraphQL type of a page of `item`s, named `<Item>Connection`; one class per item type, however
 * often it is asked for. Call it when a module loads, not inside a type function: the schema is
 * built from the types declared by then.
 *
 * @example
 * export const BankAccountPage = Page(BankAccount);
 * // @Query(() => BankAccountPage) bankAccounts(): Promise<Page<BankAccount>>
 */
export function Page<T extends object>(item: ClassType<T>): ClassType<Page<T>> {
  let type = pageTypes.get(item);
  if (!type) {
    @ObjectType(`${item.name}Connection`)
    class ItemPage implements Page<T> {
      @Field(() => [item]) nodes: T[];
      @Field(() => PageInfo) pageInfo: PageInfo;
      @Field(() => Int) totalCount: number;
    }
    type = ItemPage;
    pageTypes.set(item, type);
  }
  return type as ClassType<Page<T>>;
}

export const encodeCursor = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

const invalidCursor = () => badInput('after', 'Invalid cursor in `after`: pass the `endCursor` of the previous page');

/**
 * The key inside a cursor this gateway issued for the list its `prefix` names; anything else is
 * refused the same way on every list.
 */
export function decodeCursor(cursor: string, prefix = ''): string {
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!value || encodeCursor(value) !== cursor || textProblem('after', value, { max: LIMITS.cursor }) !== null) throw invalidCursor();
  if (!value.startsWith(prefix) || value.length === prefix.length) throw invalidCursor();
  return value.slice(prefix.length);
}

/** A cursor that carries a non-negative integer key (a sequence number or an offset), after an optional prefix. */
export function decodeIntCursor(cursor: string, prefix = ''): number {
  const digits = decodeCursor(cursor, prefix);
  const n = /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(n)) throw invalidCursor();
  return n;
}

export const pageSize = (args: PageArgs) => args.first ?? 50;

/**
 * The page for rows read with `take(pageSize + 1)` past the `after` key: the extra row, if any,
 * only says that another page exists.
 */
export function keysetPage<T>(rows: T[], args: PageArgs, totalCount: number, keyOf: (row: T) => string, prefix = ''): Page<T> {
  const nodes = rows.slice(0, pageSize(args));
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount, pageInfo: { hasNextPage: rows.length > nodes.length, endCursor: last ? encodeCursor(prefix + keyOf(last)) : null } };
}

/** Pages an in-memory list (provider reads are fetched whole, then paged for the client). */
export function pageOf<T>(items: T[], args: PageArgs): Page<T> {
  let start = 0;
  if (args.after) start = decodeIntCursor(args.after, 'o:');
  const nodes = items.slice(start, start + pageSize(args));
  const end = start + nodes.length;
  return {
    nodes,
    totalCount: items.length,
    pageInfo: { hasNextPage: end < items.length, endCursor: nodes.length ? encodeCursor(`o:${end}`) : null },
  };
}
