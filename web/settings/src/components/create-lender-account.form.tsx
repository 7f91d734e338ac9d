import { useMemo, useState } from 'preact/hooks';
import { SettingsCreateLenderBankAccountDocument } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { lenderAccountFields, type LenderAccountInput } from '../required-fields.rules';
import { useAction, useSession } from '../session.context';
import { ErrorMessage, errorFor, formError, TextField, uid } from './ui.components';
import { CreateInPlace } from './create-in-place.form';

const HINTS: Partial<Record<LenderAccountInput, string>> = { sortCode: '40-47-84', accountNumber: '70872490', iban: 'FR76 3000 6000 0112 3456 7890 189' };

/** Creates the lender's bank account with the details the provider requires, then maps it. */
export function CreateLenderAccount({ currency, context, open, use }: { currency: string | null; context: string; open: boolean; use: (id: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const { api, companyId } = useSession();
  const prefix = useMemo(() => uid('lender'), []);
  const fields = lenderAccountFields(currency);
  const shown = fields.map((f) => f.input);
  const empty = { name: '', currency: currency ?? 'GBP', sortCode: '', accountNumber: '', iban: '' };
  const [values, setValues] = useState<Record<LenderAccountInput, string>>(empty);
  const [pending, setPending] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setPending(false);
    await run(async () => {
      const input = { name: values.name, currency: values.currency.trim().toUpperCase(), ...Object.fromEntries(shown.filter((f) => f !== 'name' && f !== 'currency' && values[f].trim()).map((f) => [f, f === 'iban' ? values[f].replace(/\s+/g, '').toUpperCase() : values[f].trim()])) };
      const created = (await api(SettingsCreateLenderBankAccountDocument, { companyId, input })).createLenderBankAccount;
      if (created.bankAccount) {
        await use(created.bankAccount.id);
        setValues(empty);
      } else setPending(true);
      return created;
    });
  };

  return (
    <CreateInPlace context={context} open={open} busy={busy} pending={pending} onSubmit={submit}>
      {fields.map(({ input: f, required }) => (
        <TextField
          key={f}
          id={`${prefix}-${f}`}
          label={t[f === 'name' ? 'accountName' : f]}
          value={values[f]}
          onInput={(v) => setValues({ ...values, [f]: v })}
          required={required}
          hint={f === 'currency' ? t.example(currency ?? 'GBP') : HINTS[f] ? t.example(HINTS[f]!) : undefined}
          error={errorFor(error, f, `input.${f}`)}
          inputMode={f === 'sortCode' || f === 'accountNumber' ? 'numeric' : undefined}
          maxLength={f === 'currency' ? 3 : 100}
        />
      ))}
      <ErrorMessage error={formError(error, shown.flatMap((f) => [f, `input.${f}`]))} />
    </CreateInPlace>
  );
}
