import type { SettingsMappingFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../i18n.messages';

type Feed = NonNullable<SettingsMappingFieldsFragment['lenderAccountFeed']>;

/**
 * The lender account's bank feed, where the borrower's software takes its statement lines that
 * way: what the feed's state means for the borrower, and the software's own words when it refused
 * the feed or could not be asked.
 *
 * @example
 * {mapping.lenderAccountFeed ? <BankFeed feed={mapping.lenderAccountFeed} /> : null}
 */
export function BankFeed({ feed }: { feed: Feed }) {
  const { t } = useI18n();
  const ok = feed.status === 'ACTIVE';
  return (
    <div class={`bank-feed ${ok ? 'status-ok' : 'status-warn'}`} role="status" aria-live="polite">
      <p>{t[`feed${feed.status}`]}</p>
      <p class="feed-help">{t[`feedHelp${feed.status}`]}</p>
      {feed.message ? (
        <p class="provider-message">
          <span class="visually-hidden">{t.colMessage}: </span>
          <span class="message-text">{feed.message}</span>
        </p>
      ) : null}
    </div>
  );
}
