import { useMemo, useState } from 'preact/hooks';
import { SettingsCreateInternalTransferAccountDocument } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction, useSession } from '../session.context';
import { BusyButton, ErrorMessage, errorFor, formError, TextField, uid } from './ui.components';
import { CreateInPlace } from './create-in-place.form';

const FIELDS = ['name', 'input.name', 'nominalCode', 'input.nominalCode'];

/**
 * Creates the account moves between the borrower's own bank accounts pass through (name and
 * number), then maps it. The software decides which numbers it accepts: its refusal shows next to
 * the field, and when the chart already has such an account the borrower can use that one instead.
 */
export function CreateInternalTransferAccount({ context, open, use }: { context: string; open: boolean; use: (id: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const { api, companyId } = useSession();
  const prefix = useMemo(() => uid('transfer'), []);
  const [name, setName] = useState('');
  const [nominalCode, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const { busy, error, run } = useAction();
  const useExisting = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setPending(false);
    await run(async () => {
      const created = (await api(SettingsCreateInternalTransferAccountDocument, { companyId, input: { name, nominalCode: nominalCode.trim() } })).createInternalTransferAccount;
      if (created.account) {
        await use(created.account.id);
        setName('');
        setCode('');
      } else setPending(true);
      return created;
    });
  };

  const existingId = error?.existingId ?? null;
  return (
    <CreateInPlace context={context} open={open} busy={busy} pending={pending} onSubmit={submit}>
      <TextField id={`${prefix}-name`} label={t.accountName} value={name} onInput={setName} required hint={t.example(t.transferNameExample)} error={errorFor(error, 'name', 'input.name')} maxLength={150} />
      <TextField id={`${prefix}-code`} label={t.nominalCode} value={nominalCode} onInput={setCode} required hint={t.example('581000')} error={errorFor(error, 'nominalCode', 'input.nominalCode')} inputMode="numeric" maxLength={10} />
      <ErrorMessage error={formError(error, FIELDS)} />
      {existingId ? (
        <div class="existing">
          <BusyButton busy={useExisting.busy} busyLabel={t.saving} onClick={() => void useExisting.run(() => use(existingId))}>
            {t.useExisting}
            <span class="visually-hidden"> ({context})</span>
          </BusyButton>
          <ErrorMessage error={useExisting.error} />
        </div>
      ) : null}
    </CreateInPlace>
  );
}
