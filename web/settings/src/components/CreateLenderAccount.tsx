import { useMemo, useState } from 'preact/hooks';
import { SettingsCreateLenderBankAccountDocument } from '../../generated/graphql';
import { useI18n } from '../i18n';
import { lenderAccountFields, type LenderAccountInput } from '../required-fields';
import { useAction, useSession } from '../session';
import { BusyButton, ErrorMessage, errorFor, formError, TextField, uid } from './ui';

const HINTS: Partial<Record<LenderAccountInput, string>> = { sortCode: '40-47-84', accountNumber: '70872490', currency: 'GBP' };

/** Creates the lender's bank account with the details the provider requires, then maps it. */
export function CreateLenderAccount({ currency, context, use }: { currency: string | null; context: string; use: (id: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const { api, companyId, provider } = useSession();
  const prefix = useMemo(() => uid('lender'), []);
  const { required, optional } = lenderAccountFields(provider);
  const [values, setValues] = useState<Record<LenderAccountInput, string>>({ name: '', currency: currency ?? 'GBP', sortCode: '', accountNumber: '', iban: '' });
  const [pending, setPending] = useState(false);
  const { busy, error, run } = useAction();
  const shown = [...required, ...optional];

  const submit = async (e: Event) => {
    e.preventDefault();
    setPending(false);
    await run(async () => {
      const input = { name: values.name, currency: values.currency.trim().toUpperCase(), ...Object.fromEntries(shown.filter((f) => f !== 'name' && f !== 'currency' && values[f].trim()).map((f) => [f, values[f].trim()])) };
      const created = (await api(SettingsCreateLenderBankAccountDocument, { companyId, input })).createLenderBankAccount;
      if (created.bankAccount) await use(created.bankAccount.id);
      else setPending(true);
      return created;
    });
  };

  return (
    <form class="create" onSubmit={submit} aria-label={t.orCreate}>
      <h4>{t.orCreate}</h4>
      {shown.map((f) => (
        <TextField
          key={f}
          id={`${prefix}-${f}`}
          label={t[f === 'name' ? 'accountName' : f]}
          value={values[f]}
          onInput={(v) => setValues({ ...values, [f]: v })}
          required={required.includes(f)}
          hint={HINTS[f] ? t.example(HINTS[f]!) : undefined}
          error={errorFor(error, f, `input.${f}`)}
          inputMode={f === 'sortCode' || f === 'accountNumber' ? 'numeric' : undefined}
          maxLength={f === 'currency' ? 3 : 100}
        />
      ))}
      <ErrorMessage error={formError(error, shown.flatMap((f) => [f, `input.${f}`]))} />
      {pending ? <p class="hint" role="status">{t.createPending}</p> : null}
      <BusyButton type="submit" busy={busy} busyLabel={t.saving}>
        {t.create}
        <span class="visually-hidden"> ({context})</span>
      </BusyButton>
    </form>
  );
}
