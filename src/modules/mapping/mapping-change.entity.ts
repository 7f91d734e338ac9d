import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';

export interface MappingValues {
  lenderBankAccountId: string | null;
  designatedBankAccountId: string | null;
  expenseAccountId: string | null;
  lenderSupplierId: string | null;
  /** Required by some providers only; absent from changes recorded before it existed. */
  internalTransferAccountId: string | null;
}

/** The mapping as a change records it: its references and, since it exists, the bank-line rule setting. */
export type RecordedMapping = MappingValues & { autoReconcileBankLines?: boolean };

/** One change of a company's mapping: who, when, before and after. */
@Entity({ name: 'mapping_changes' })
@Index('IDX_mapping_changes_company', ['companyId', 'changedAt'])
export class MappingChangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 200 })
  actor: string;

  /** Epoch milliseconds: a second-precision timestamp could not order two changes in the same second. */
  @Column({ name: 'changed_at', type: 'bigint', transformer: bigintNumber })
  changedAt: number;

  @Column({ type: 'simple-json' })
  before: RecordedMapping;

  @Column({ type: 'simple-json' })
  after: RecordedMapping;
}
