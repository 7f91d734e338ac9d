import { bankLineRule, sameRule } from '../../src/providers/sinao/sinao.rules';
import { compare } from '../../src/sandbox/sinao/list-query';

describe('the rule that categorises the borrower\'s bank lines with the lender', () => {
  const matches = (pattern: string, label: string) => compare(label, 'LIKE', pattern);

  it('names the bank account, the transfer account and the lender without its legal form', () => {
    expect(bankLineRule('11', '507', 'Acme Invoice Finance Ltd')).toEqual({
      on_event: 'transaction.created',
      parameter: 'account',
      value: '507',
      conditions: [['cashflow_source.id', '=', '11'], ['label', 'LIKE', '%Acme Invoice Finance%']],
    });
    expect(bankLineRule('11', '507', 'Financement Durand SAS').conditions[1][2]).toBe('%Financement Durand%');
    expect(bankLineRule('11', '507', 'Capital Sarlat').conditions[1][2]).toBe('%Capital Sarlat%');
  });

  it('matches the lender\'s name as banks print it, whatever the case, and nothing else', () => {
    const [, [, , pattern]] = bankLineRule('11', '507', 'Acme Invoice Finance Ltd').conditions;
    expect(matches(pattern, 'VIR SEPA RECU /DE ACME INVOICE FINANCE LTD /MOTIF ADV-0042')).toBe(true);
    expect(matches(pattern, 'VIR SEPA EMIS /A ACME INVOICE FINANCE /MOTIF FIN-0042')).toBe(true);
    expect(matches(pattern, 'Virement reçu de Acme Invoice Finance')).toBe(true);
    expect(matches(pattern, 'PRLV SEPA EDF /MOTIF FACTURE')).toBe(false);
    expect(matches(pattern, 'VIR ACME FINANCE')).toBe(false);
  });

  it('reads % and _ in a name as any character rather than as a wildcard run', () => {
    expect(bankLineRule('1', '2', 'Prêt_100% Finance').conditions[1][2]).toBe('%Prêt_100_ Finance%');
  });

  it('recognises its own rule as Sinao answers it, and no other', () => {
    const wanted = bankLineRule('11', '507', 'Acme Invoice Finance Ltd');
    expect(sameRule({ id: 50, priority: 0, ...wanted }, wanted)).toBe(true);
    expect(sameRule({ id: 50, ...wanted, value: 507 as unknown as string }, wanted)).toBe(true);
    expect(sameRule({ ...wanted, value: '508' }, wanted)).toBe(false);
    expect(sameRule({ ...wanted, conditions: [wanted.conditions[0]] }, wanted)).toBe(false);
    expect(sameRule({ ...bankLineRule('12', '507', 'Acme Invoice Finance Ltd') }, wanted)).toBe(false);
  });
});
