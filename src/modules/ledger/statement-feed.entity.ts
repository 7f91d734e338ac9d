import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintText } from '../../common/column-transformers';

/** The lender account's running balance per company, as its statement lines have been recorded. */
@Entity({ name: 'statement_feeds' })
export class StatementFeedEntity {
  @PrimaryColumn({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @PrimaryColumn({ name: 'bank_account_id', type: 'varchar', length: 100 })
  bankAccountId: string;

  /** Exact, as a decimal integer string: a running balance may exceed 2^53 minor units. */
  @Column({ name: 'balance_minor', type: 'bigint', transformer: bigintText })
  balanceMinor: string;

  @Column({ name: 'last_date', type: 'varchar', length: 10 })
  lastDate: string;
}
