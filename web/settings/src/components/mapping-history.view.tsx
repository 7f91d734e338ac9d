import type { MappingField, SettingsMappingFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import type { Books } from './settings.view';

type Change = SettingsMappingFieldsFragment['history'][number];

/** Every change of the mapping, most recent first, with what changed from what to what. */
export function MappingHistory({ history, books, mapping }: { history: Change[]; books: Books | null; mapping: SettingsMappingFieldsFragment }) {
  const { t, dateTime } = useI18n();
  const names = new Map<string, string>();
  for (const a of books?.bankAccounts.nodes ?? []) names.set(a.id, a.name);
  for (const a of books?.chart.nodes ?? []) names.set(a.id, a.name);
  for (const r of [mapping.lenderBankAccount, mapping.designatedBankAccount, mapping.expenseAccount, mapping.lenderSupplier, mapping.internalTransferAccount]) if (r?.name) names.set(r.id, r.name);
  const label = (id: string | null) => (id ? (names.get(id) ?? id) : t.cleared);
  const actor = (a: string) => (a.startsWith('company-token:') ? t.actorYou : t.actorLender);

  return (
    <details class="history">
      <summary>
        {t.historyTitle} ({history.length})
      </summary>
      {history.length === 0 ? (
        <p>{t.historyEmpty}</p>
      ) : (
        <ol>
          {history.map((h, i) => (
            <li key={`${h.changedAt}-${i}`}>
              <time dateTime={h.changedAt}>{dateTime(h.changedAt)}</time> <span class="muted">{t.historyBy(actor(h.actor))}</span>
              <ul>
                {(Object.keys(h.after) as (keyof Change['after'])[])
                  .filter((f) => f in h.before && h.before[f] !== h.after[f])
                  .map((f) =>
                    f === 'autoReconcileBankLines' ? (
                      // Null where the change predates the setting: nothing the borrower changed.
                      h.before[f] === null || h.after[f] === null ? null : (
                        <li key={f}>
                          {t.fieldautoReconcileBankLines}: {h.before[f] ? t.on : t.off} → {h.after[f] ? t.on : t.off}
                        </li>
                      )
                    ) : (
                      <li key={f}>
                        {t[`field${f as MappingField}`]}: {h.before[f] ? `${label(h.before[f] as string)} → ` : ''}
                        {label(h.after[f] as string | null)}
                      </li>
                    ),
                  )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
