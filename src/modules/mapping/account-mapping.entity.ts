import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a company's lending goes in its books: the references its provider requires. */
@Entity({ name: 'account_mappings' })
export class AccountMappingEntity {
  @PrimaryColumn({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'lender_bank_account_id', type: 'varchar', length: 100, nullable: true })
  lenderBankAccountId: string | null;

  @Column({ name: 'designated_bank_account_id', type: 'varchar', length: 100, nullable: true })
  designatedBankAccountId: string | null;

  @Column({ name: 'expense_account_id', type: 'varchar', length: 100, nullable: true })
  expenseAccountId: string | null;

  @Column({ name: 'lender_supplier_id', type: 'varchar', length: 100, nullable: true })
  lenderSupplierId: string | null;

  @Column({ name: 'internal_transfer_account_id', type: 'varchar', length: 100, nullable: true })
  internalTransferAccountId: string | null;

  /** Whether the provider is asked to categorise the borrower's own bank lines with the lender automatically, where it can. */
  @Column({ name: 'auto_reconcile_bank_lines', type: 'boolean', default: true })
  autoReconcileBankLines: boolean;

  /** The currency the two bank accounts share, recorded when the mapping is checked. */
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
