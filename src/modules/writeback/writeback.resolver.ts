import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { idArg } from '../../common/validation';
import { Page, PageArgs } from '../../common/pagination';
import type { RequestContext } from '../../context';
import type { WritebackService } from './writeback.service';
import type { OperationStatus } from './writeback-operation.entity';
import { toOperation } from './writeback.mappers';
import { OperationStatusEnum, WritebackOperation, WritebackOperationPage } from './writeback.types';

@Resolver(() => WritebackOperation)
export class WritebackResolver {
  constructor(private readonly writeback: WritebackService) {}

  @Query(() => WritebackOperationPage, { description: "A company's writes in delivery order, optionally of one status." })
  async writebackOperations(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('status', () => OperationStatusEnum, { nullable: true }) status: OperationStatus | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<Page<WritebackOperation>> {
    const result = await this.writeback.list(ctx, companyId, status, page);
    return { ...result, nodes: result.nodes.map(toOperation) };
  }

  @Query(() => WritebackOperation)
  async writebackOperation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, idArg('id')) id: string): Promise<WritebackOperation> {
    return toOperation(await this.writeback.get(ctx, id));
  }

  @Mutation(() => WritebackOperation, { description: 'Queues a FAILED operation again. The books are searched for it first: if it is there it becomes SUCCEEDED with its record id; it is sent again (under a new idempotency key) only if it is not.' })
  async retryWritebackOperation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, idArg('id')) id: string): Promise<WritebackOperation> {
    return toOperation(await this.writeback.retry(ctx, id));
  }
}
