import { SettingsCreateInternalTransferAccountDocument } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';
import { useAction, useSession } from '../session.context';
import { CreateChartAccount } from './create-chart-account.form';
import { BusyButton, ErrorMessage } from './ui.components';

/**
 * Creates the account moves between the borrower's own bank accounts pass through (name and
 * number), then maps it. The software decides which numbers it accepts: its refusal shows next to
 * the field, and when the chart already has such an account the borrower can use that one instead.
 */
export function CreateInternalTransferAccount({ context, open, use }: { context: string; open: boolean; use: (id: string) => Promise<unknown> }) {
  const { t } = useI18n();
  const { api, companyId } = useSession();
  const useExisting = useAction();
  return (
    <CreateChartAccount
      context={context}
      open={open}
      use={use}
      idPrefix="transfer"
      nameLabel={t.accountName}
      nameExample={t.transferNameExample}
      codeExample="581000"
      numericCode
      create={async (input) => (await api(SettingsCreateInternalTransferAccountDocument, { companyId, input })).createInternalTransferAccount}
    >
      {(error) =>
        error?.existingId ? (
          <div class="existing">
            <BusyButton busy={useExisting.busy} busyLabel={t.saving} onClick={() => void useExisting.run(() => use(error.existingId!))}>
              {t.useExisting}
              <span class="visually-hidden"> ({context})</span>
            </BusyButton>
            <ErrorMessage error={useExisting.error} />
          </div>
        ) : null
      }
    </CreateChartAccount>
  );
}
