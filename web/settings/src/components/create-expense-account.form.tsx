import { SettingsCreateExpenseAccountDocument } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useSession } from '../session.context';
import { CreateChartAccount } from './create-chart-account.form';

/**
 * Creates an expense account for the lender's fees (name and code), then maps it. `codeExample` is
 * the code of an expense account already in the books, so the hint follows the borrower's chart.
 */
export function CreateExpenseAccount({ context, open, use, codeExample }: { context: string; open: boolean; use: (id: string) => Promise<unknown>; codeExample: string | null }) {
  const { t } = useI18n();
  const { api, companyId } = useSession();
  return (
    <CreateChartAccount
      context={context}
      open={open}
      use={use}
      idPrefix="expense"
      nameLabel={t.expenseName}
      nameExample={t.expenseNameExample}
      codeExample={codeExample ?? '4790'}
      create={async (input) => (await api(SettingsCreateExpenseAccountDocument, { companyId, input })).createExpenseAccount}
    />
  );
}
