import { useMemo, useState } from 'preact/hooks';
import { SettingsCreateExpenseAccountDocument } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction, useSession } from '../session.context';
import { ErrorMessage, errorFor, formError, TextField, uid } from './ui.components';
import { CreateInPlace } from './create-in-place.form';

/**
 * Creates an expense account for the lender's fees (name and code), then maps it. `codeExample` is
 * the code of an expense account already in the books, so the hint follows the borrower's chart.
 */
export function CreateExpenseAccount({ context, open, use, codeExample }: { context: string; open: boolean; use: (id: string) => Promise<unknown>; codeExample: string | null }) {
  const { t } = useI18n();
  const { api, companyId } = useSession();
  const prefix = useMemo(() => uid('expense'), []);
  const [name, setName] = useState('');
  const [nominalCode, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setPending(false);
    await run(async () => {
      const created = (await api(SettingsCreateExpenseAccountDocument, { companyId, input: { name, nominalCode: nominalCode.trim() } })).createExpenseAccount;
      if (created.account) {
        await use(created.account.id);
        setName('');
        setCode('');
      } else setPending(true);
      return created;
    });
  };

  return (
    <CreateInPlace context={context} open={open} busy={busy} pending={pending} onSubmit={submit}>
      <TextField id={`${prefix}-name`} label={t.expenseName} value={name} onInput={setName} required hint={t.example(t.expenseNameExample)} error={errorFor(error, 'name', 'input.name')} maxLength={150} />
      <TextField id={`${prefix}-code`} label={t.nominalCode} value={nominalCode} onInput={setCode} required hint={t.example(codeExample ?? '4790')} error={errorFor(error, 'nominalCode', 'input.nominalCode')} maxLength={10} />
      <ErrorMessage error={formError(error, ['name', 'input.name', 'nominalCode', 'input.nominalCode'])} />
    </CreateInPlace>
  );
}
