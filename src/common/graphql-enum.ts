import { registerEnumType } from 'type-graphql';

/**
 * Registers the GraphQL enum of a domain union written once as an `as const` list, so that the two
 * cannot drift: the union is `(typeof LIST)[number]`, and the returned object maps each value to itself.
 *
 * @example
 * export const OPERATION_STATUSES = ['PENDING', 'SUCCEEDED'] as const;
 * export type OperationStatus = (typeof OPERATION_STATUSES)[number];
 * export const OperationStatusEnum = graphqlEnum(OPERATION_STATUSES, { name: 'WritebackStatus' });
 * // @Field(() => OperationStatusEnum) status: OperationStatus;
 */
export function graphqlEnum<const V extends string>(values: readonly V[], config: { name: string; description?: string }): { readonly [K in V]: K } {
  const enumObj = Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K };
  registerEnumType(enumObj, config);
  return enumObj;
}
