import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Page } from '../../common/pagination';
import { PROVIDERS } from '../../providers/providers';
import { CONNECTION_STATUSES, type ConnectionStatus } from './company.entity';

/** The providers' kinds, from the one list of providers. */
export const ProviderKindEnum: Record<string, string> = Object.fromEntries(PROVIDERS.map((d) => [d.kind, d.kind]));
registerEnumType(ProviderKindEnum, {
  name: 'ProviderKind',
  description: 'The accounting platform behind a company.',
  valuesConfig: Object.fromEntries(PROVIDERS.map((d) => [d.kind, { description: d.displayName }])),
});

export const ConnectionStatusEnum = Object.fromEntries(CONNECTION_STATUSES.map((s) => [s, s])) as { [S in ConnectionStatus]: S };
registerEnumType(ConnectionStatusEnum, {
  name: 'ConnectionStatus',
  description: "Where the company's connection to its accounting provider stands.",
  valuesConfig: {
    CONNECTED: { description: 'The gateway can read and write the books.' },
    RECONNECT_REQUIRED: { description: 'The provider refused the gateway: the borrower must connect their books again.' },
    DISCONNECTED: { description: 'The borrower or the lender ended the connection.' },
    PENDING_AUTHORISATION: { description: 'Waiting for the borrower to authorise the gateway at the provider.' },
  },
});

@ObjectType({ description: "The company's connection to its accounting provider. Credentials are never exposed." })
export class AccountingConnection {
  @Field(() => ProviderKindEnum)
  provider: string;

  @Field(() => ConnectionStatusEnum)
  status: ConnectionStatus;

  @Field(() => String, { nullable: true, description: 'The name of the books at the provider, as last checked.' })
  tenantName: string | null;

  @Field(() => Date, { nullable: true, description: 'When the gateway last learnt how the connection stands.' })
  checkedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'What the provider last said when it refused the gateway.' })
  lastError: string | null;

  @Field({
    description:
      "Whether the borrower connects their books themselves, by authorising the gateway at the provider (the provider's start-connection mutation answers where), " +
      'and so may also end the connection and make it again. False where the lender registers the access to the books (an API key, say).',
  })
  canStartAuthorisation: boolean;
}

@ObjectType({ description: 'A borrower whose accounting software is connected.' })
export class Company {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "The lender's own reference for the borrower (unique)." })
  externalRef: string;

  @Field(() => ProviderKindEnum)
  provider: string;

  @Field(() => AccountingConnection)
  connection: AccountingConnection;

  @Field()
  writebackEnabled: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const CompanyPage = Page(Company);
