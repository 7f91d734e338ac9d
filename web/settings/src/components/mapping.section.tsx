import { SettingsConfigureMappingDocument, type ConfigureMappingInput, type MappingField, type SettingsMappingFieldsFragment } from '../../generated/graphql';
import type { ApiError } from '../api.client';
import { useI18n } from '../i18n.messages';
import { lenderAccountCurrency, mappedRecord, requiredFields, type RequiredField } from '../required-fields.rules';
import { useSession } from '../session.context';
import { ChooseExisting } from './choose-existing.form';
import { BankFeed } from './bank-feed.view';
import { BankLineRuleSwitch } from './bank-line-rule.switch';
import { CreateExpenseAccount } from './create-expense-account.form';
import { CreateInternalTransferAccount } from './create-internal-transfer-account.form';
import { CreateLenderAccount } from './create-lender-account.form';
import { MappingHistory } from './mapping-history.view';
import type { Books } from './settings.view';
import { SupplierField } from './supplier.field';
import { ErrorMessage, Loading, Section } from './ui.components';

interface Props {
  mapping: SettingsMappingFieldsFragment | null;
  loadError: ApiError | null;
  books: Books | null;
  /** The books could not be read (the connection section says why): nothing to choose from. */
  booksUnreadable: boolean;
  onMapping: (m: SettingsMappingFieldsFragment) => void;
  reloadBooks: () => Promise<void>;
}

export function MappingSection({ mapping, loadError, books, booksUnreadable, onMapping, reloadBooks }: Props) {
  const { t } = useI18n();
  const { api, companyId } = useSession();

  const save = async (input: ConfigureMappingInput) => {
    const { configureMapping } = await api(SettingsConfigureMappingDocument, { companyId, input });
    onMapping(configureMapping);
    return configureMapping;
  };
  /** A record just created is in the books: read them again so every list offers it. */
  const useCreated = (field: MappingField) => async (id: string) => {
    const saved = await save({ [field]: id });
    await reloadBooks();
    return saved;
  };

  if (!mapping) {
    return (
      <Section id="mapping" title={t.mappingTitle} busy={!loadError}>
        {loadError ? <ErrorMessage error={loadError} /> : <Loading />}
      </Section>
    );
  }

  const fields = requiredFields(mapping);
  return (
    <Section id="mapping" title={t.mappingTitle}>
      <div class={mapping.isComplete ? 'status-ok' : 'status-warn'} role="status" aria-live="polite" id="mapping-completeness">
        {mapping.isComplete ? (
          <p>{t.complete}</p>
        ) : (
          <>
            <p>{t.incomplete}</p>
            <ul>
              {mapping.missing.map((f) => (
                <li key={f}>{t[`field${f}`]}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {fields.map((f) => (
        <FieldCard key={f.field} required={f} mapping={mapping} books={books} booksUnreadable={booksUnreadable} save={save} useCreated={useCreated(f.field)} />
      ))}
      {mapping.canAutoReconcileBankLines ? <BankLineRuleSwitch on={mapping.autoReconcileBankLines} save={save} /> : null}
      <MappingHistory history={mapping.history} books={books} mapping={mapping} />
    </Section>
  );
}

function FieldCard(props: {
  required: RequiredField;
  mapping: SettingsMappingFieldsFragment;
  books: Books | null;
  booksUnreadable: boolean;
  save: (input: ConfigureMappingInput) => Promise<unknown>;
  useCreated: (id: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { field, kind } = props.required;
  const record = mappedRecord(props.mapping, field);
  const missing = props.mapping.missing.includes(field);
  const title = t[`field${field}`];
  const saveField = (id: string) => props.save({ [field]: id });
  const banks = props.books?.bankAccounts.nodes.filter((a) => a.status !== 'ARCHIVED') ?? [];
  const expenses = props.books?.accounts.nodes.filter((a) => a.status !== 'ARCHIVED') ?? [];
  const transferAccounts = props.books?.chart.nodes.filter((a) => a.status !== 'ARCHIVED' && a.usableForInternalTransfers) ?? [];

  return (
    <article class={`mapping-field ${missing ? 'is-missing' : 'is-set'}`} aria-labelledby={`${field}-title`}>
      <h3 id={`${field}-title`}>{title}</h3>
      <p class="hint">{t[`help${field}`]}</p>
      <p class="current">
        {t.current}{' '}
        <strong>
          {record ? (record.found ? record.name : `${record.id} ${t.notInBooks}`) : t.notChosen}
        </strong>
      </p>
      {kind === 'lenderBankAccount' && props.mapping.lenderAccountFeed ? <BankFeed feed={props.mapping.lenderAccountFeed} /> : null}
      {kind === 'lenderSupplier' ? (
        <SupplierField use={props.useCreated} />
      ) : !props.books ? (
        props.booksUnreadable ? <p class="status-warn">{t.booksUnreadable}</p> : <Loading />
      ) : kind === 'internalTransferAccount' ? (
        // The software says which of its accounts may carry transfers.
        <>
          <ChooseExisting field={field} context={title} current={record?.id ?? null} save={saveField} options={transferAccounts.map((a) => ({ id: a.id, label: a.nominalCode ? `${a.nominalCode} · ${a.name}` : a.name }))} />
          <CreateInternalTransferAccount context={title} open={missing} use={props.useCreated} />
        </>
      ) : kind === 'expenseAccount' ? (
        <>
          <ChooseExisting field={field} context={title} current={record?.id ?? null} save={saveField} options={expenses.map((a) => ({ id: a.id, label: a.nominalCode ? `${a.nominalCode} · ${a.name}` : a.name }))} />
          <CreateExpenseAccount context={title} open={missing} use={props.useCreated} codeExample={expenses.find((a) => a.nominalCode)?.nominalCode ?? null} />
        </>
      ) : (
        <>
          <ChooseExisting field={field} context={title} current={record?.id ?? null} save={saveField} options={banks.map((a) => ({ id: a.id, label: `${a.name} (${a.currency})` }))} />
          {kind === 'lenderBankAccount' ? <CreateLenderAccount currency={lenderAccountCurrency(props.mapping.currency, banks)} context={title} open={missing} use={props.useCreated} /> : null}
        </>
      )}
    </article>
  );
}
