import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { idArg, LIMITS, textArg } from '../../common/validation';
import { Page, pageOf, PageArgs } from '../../common/pagination';
import type { RequestContext } from '../../context';
import type { AccountType, InvoiceStatus } from '../../providers/accounting-provider';
import { rankBySimilarity } from '../mapping/supplier-matcher';
import { toAccount, toBankAccount, toInvoice, toSupplier } from './books.mappers';
import {
  Account,
  AccountPage,
  AccountTypeEnum,
  BankAccount,
  BankAccountPage,
  Invoice,
  InvoicePage,
  InvoiceStatusEnum,
  Supplier,
  SupplierPage,
} from './books.types';

/** Reads of the borrower's books, straight from the provider (one call per dataset per request). */
@Resolver()
export class BooksResolver {
  @Query(() => BankAccountPage)
  async bankAccounts(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string, @Args(() => PageArgs) page: PageArgs): Promise<Page<BankAccount>> {
    ctx.requireCompany(companyId);
    return pageOf((await ctx.loaders.load(companyId, 'bankAccounts')).map(toBankAccount), page);
  }

  @Query(() => AccountPage, { description: 'The chart of accounts, optionally of one type (EXPENSE for the fee account), or only the accounts that can be the internal-transfer account (usableForInternalTransfers: true).' })
  async accounts(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('type', () => AccountTypeEnum, { nullable: true }) type: AccountType | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('usableForInternalTransfers', () => Boolean, { nullable: true }) usableForInternalTransfers: boolean | null | undefined,
  ): Promise<Page<Account>> {
    ctx.requireCompany(companyId);
    const all = await ctx.loaders.load(companyId, 'accounts');
    const wanted = all.filter((a) => (!type || a.type === type) && (usableForInternalTransfers == null || (a.usableForInternalTransfers === true) === usableForInternalTransfers));
    return pageOf(wanted.map(toAccount), page);
  }

  @Query(() => SupplierPage, { description: 'Suppliers; with `search`, ranked by name similarity, best first, each with its matchScore.' })
  async suppliers(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('search', () => String, { nullable: true, ...textArg('search', { max: LIMITS.search }) }) search: string | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Page<Supplier>> {
    ctx.requireCompany(companyId);
    const all = await ctx.loaders.load(companyId, 'suppliers');
    const nodes = search?.trim() ? rankBySimilarity(search, all, (s) => s.name).map((r) => toSupplier(r.item, r.score)) : all.map((s) => toSupplier(s));
    return pageOf(nodes, page);
  }

  @Query(() => InvoicePage)
  async invoices(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('status', () => InvoiceStatusEnum, { nullable: true }) status: InvoiceStatus | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Page<Invoice>> {
    ctx.requireCompany(companyId);
    const all = await ctx.loaders.load(companyId, 'invoices');
    return pageOf(all.filter((i) => !status || i.status === status).map(toInvoice), page);
  }
}
