import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ApiError } from '../api.client';
import { useI18n } from '../i18n.messages';
import { useAction } from '../session.context';
import { CreateInPlace } from './create-in-place.form';
import { ErrorMessage, errorFor, formError, TextField, uid } from './ui.components';

const FIELDS = ['name', 'input.name', 'nominalCode', 'input.nominalCode'];

/**
 * Creates an account of the chart from a name and a code, then maps it; a refusal shows next to
 * the field it names. `create` answers the account, or none while the software is still creating it.
 *
 * @example
 * <CreateChartAccount context={title} open={missing} use={use} idPrefix="expense" nameLabel={t.expenseName}
 *   nameExample={t.expenseNameExample} codeExample="4790" create={(input) => createExpenseAccount(input)} />
 */
export function CreateChartAccount(props: {
  context: string;
  open: boolean;
  use: (id: string) => Promise<unknown>;
  idPrefix: string;
  nameLabel: string;
  nameExample: string;
  codeExample: string;
  numericCode?: boolean;
  create: (input: { name: string; nominalCode: string }) => Promise<{ account?: { id: string } | null }>;
  /** What the form offers after its error, given that error. */
  children?: (error: ApiError | null) => ComponentChildren;
}) {
  const { t } = useI18n();
  const prefix = useMemo(() => uid(props.idPrefix), []);
  const [name, setName] = useState('');
  const [nominalCode, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setPending(false);
    await run(async () => {
      const created = await props.create({ name, nominalCode: nominalCode.trim() });
      if (created.account) {
        await props.use(created.account.id);
        setName('');
        setCode('');
      } else setPending(true);
      return created;
    });
  };

  return (
    <CreateInPlace context={props.context} open={props.open} busy={busy} pending={pending} onSubmit={submit}>
      <TextField id={`${prefix}-name`} label={props.nameLabel} value={name} onInput={setName} required hint={t.example(props.nameExample)} error={errorFor(error, 'name', 'input.name')} maxLength={150} />
      <TextField id={`${prefix}-code`} label={t.nominalCode} value={nominalCode} onInput={setCode} required hint={t.example(props.codeExample)} error={errorFor(error, 'nominalCode', 'input.nominalCode')} inputMode={props.numericCode ? 'numeric' : undefined} maxLength={10} />
      <ErrorMessage error={formError(error, FIELDS)} />
      {props.children?.(error)}
    </CreateInPlace>
  );
}
