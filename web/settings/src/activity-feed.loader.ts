import type { SettingsActivityQuery } from '../generated/graphql';
import type { Api } from './api.client';
import { SettingsActivityDocument } from '../generated/graphql';

export type ActivityOperation = SettingsActivityQuery['writebackOperations']['nodes'][number];

const PAGE = 200;

/**
 * The latest write-back operations. The list runs oldest first, so the feed walks it once and then
 * re-reads only from the start of its second-to-last page: new operations and the changing status
 * of recent ones, never the whole history again.
 *
 * @example
 * const feed = new ActivityFeed(api, companyId);
 * const { latest, total } = await feed.refresh(); // call again to poll
 */
export class ActivityFeed {
  /** Cursors each page was read after; the last two pages are read again on every refresh. */
  private afters: (string | null)[] = [null];

  constructor(
    private readonly api: Api,
    private readonly companyId: string,
    private readonly keep = 50,
  ) {}

  async refresh(): Promise<{ latest: ActivityOperation[]; total: number }> {
    const from = Math.max(0, this.afters.length - 2);
    const rows: ActivityOperation[] = [];
    const afters = this.afters.slice(0, from);
    let after = this.afters[from];
    for (;;) {
      afters.push(after);
      const page = (await this.api(SettingsActivityDocument, { companyId: this.companyId, after, first: PAGE })).writebackOperations;
      rows.push(...page.nodes);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
    this.afters = afters;
    // Every page before the re-read ones was full.
    return { latest: rows.slice(-this.keep).reverse(), total: from * PAGE + rows.length };
  }
}
