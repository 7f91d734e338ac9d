import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { idArg } from '../../common/validation';
import type { ProviderServices } from '../provider';
import { ProviderError } from '../provider-error';
import { XeroAdapter } from './xero.adapter';
import type { XeroEnv } from './xero.settings';

@ObjectType({ description: "Where the borrower authorises the gateway at Xero." })
export class XeroAuthorisation {
  @Field({ description: "Open it in the borrower's browser: they log in to Xero, choose the organisation and allow access, then come back to the gateway." })
  authorisationUrl: string;

  @Field({ description: 'The address works once, until then; start again after it.' })
  expiresAt: Date;
}

@Resolver()
export class XeroConnectionResolver {
  constructor(private readonly services: ProviderServices<XeroEnv>) {}

  @Mutation(() => XeroAuthorisation, {
    description:
      "Starts connecting (or connecting again) the company's books: answers the address where the borrower authorises the gateway and picks the organisation. " +
      'Once they allow access, the company is CONNECTED and the writes held meanwhile go out.',
  })
  async startXeroConnection(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string): Promise<XeroAuthorisation> {
    const adapter = this.services.adapter();
    if (!(adapter instanceof XeroAdapter)) throw new Error('startXeroConnection needs the Xero adapter');
    let oauth;
    try {
      oauth = adapter.oauth();
    } catch (err) {
      if (err instanceof ProviderError) throw new AppError('UNSUPPORTED', err.message);
      throw err;
    }
    const started = await this.services.authorisations.begin(ctx, companyId, this.services.kind);
    return { authorisationUrl: oauth.authoriseUrl(started.state, started.codeChallenge), expiresAt: started.expiresAt };
  }
}
