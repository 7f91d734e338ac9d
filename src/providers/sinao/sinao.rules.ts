import type { SinaoRule } from './sinao.types';

/** The `rule` of `POST /reconcile` (its `conditions`, `on_event`, `parameter` and `value`). */
export type SinaoRuleInput = Pick<SinaoRule, 'conditions' | 'on_event' | 'parameter' | 'value'>;

/**
 * The one rule that categorises the borrower's own bank lines with the lender: each transaction
 * created on the designated bank account whose label carries the lender's name (banks print the
 * payer's or payee's name on a transfer) goes to the internal-transfer account, where the lender
 * cash account's side of the same move is categorised. Advances and repayments alike: the
 * direction does not matter to a categorisation. The lender's legal form is left out of the
 * pattern, as banks often shorten or drop it; `%` and `_` in the name match any character.
 */
export function bankLineRule(designatedSourceId: string, transitAccountId: string, counterpartyName: string): SinaoRuleInput {
  const name = counterpartyName.trim().replace(/[\s,.]+(ltd|limited|plc|llp|inc|sas|sasu|sarl|sa|eurl|gmbh|bv)\.?$/i, '').replace(/[%_]/g, '_');
  return {
    on_event: 'transaction.created',
    parameter: 'account',
    value: transitAccountId,
    conditions: [
      ['cashflow_source.id', '=', designatedSourceId],
      ['label', 'LIKE', `%${name}%`],
    ],
  };
}

/** Whether a rule read from Sinao says the same as the one the gateway would send. */
export function sameRule(found: SinaoRule, wanted: SinaoRuleInput): boolean {
  const norm = (conditions: unknown) => JSON.stringify((Array.isArray(conditions) ? conditions : []).map((c) => (Array.isArray(c) ? c.map(String) : c)));
  return found.on_event === wanted.on_event && found.parameter === wanted.parameter && String(found.value) === wanted.value && norm(found.conditions) === norm(wanted.conditions);
}
