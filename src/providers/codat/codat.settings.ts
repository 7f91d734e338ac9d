import { IsOptional, IsUUID } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsText } from '../../common/validation';
import type { ProviderConnection } from '../accounting-provider';
import type { EnvReader } from '../provider';
import { CODAT_BASE_URL } from './codat.client';

/** The embedded emulator's own key: only it accepts this one. */
export const SANDBOX_CODAT_KEY = 'sandbox-codat-api-key';

/** Codat's section of the environment. */
export interface CodatEnv {
  /** Null means the embedded emulator. */
  baseUrl: string | null;
  /** The lender's Codat key, used for every company that stores none of its own. */
  apiKey: string;
  timeoutMs: number;
}

/** What identifies a borrower at Codat; stored with the company, not secret. */
export interface CodatConfig {
  companyId: string;
  connectionId: string;
}

/** A connection as the Codat adapter takes it. */
export type CodatProviderConnection = ProviderConnection<CodatConfig, CodatSecrets>;

/** A key for one company only, sealed at rest. */
export interface CodatSecrets {
  apiKey: string;
}

export function parseCodatEnv(env: EnvReader): CodatEnv {
  const baseUrl = env.url('CODAT_BASE_URL');
  if (!env.sandbox && baseUrl === null && env.production) throw env.invalid('CODAT_BASE_URL', `${CODAT_BASE_URL} (required when SANDBOX is off)`);
  // Only the embedded emulator has a key of its own; any other Codat needs the lender's.
  const apiKey = env.string('CODAT_API_KEY');
  if (apiKey === null && (baseUrl !== null || !env.sandbox)) {
    throw env.invalid('CODAT_API_KEY', `Codat's API key (required when CODAT_BASE_URL is set or SANDBOX is off)`);
  }
  return {
    baseUrl: baseUrl ?? (env.sandbox ? null : CODAT_BASE_URL),
    apiKey: apiKey ?? SANDBOX_CODAT_KEY,
    timeoutMs: env.int('CODAT_TIMEOUT_MS', 15000, 100, 300000),
  };
}

@InputType({ description: 'A borrower whose books are reached through Codat.' })
export class CodatConnectionInput {
  @Field({ description: "Codat's companyId for the borrower (a UUID)." })
  @IsUUID('all', { message: 'companyId must be the Codat companyId, a UUID' })
  companyId: string;

  @Field({ description: "Codat's connectionId of the borrower's accounting connection (a UUID)." })
  @IsUUID('all', { message: 'connectionId must be the Codat connectionId, a UUID' })
  connectionId: string;

  @Field(() => String, { nullable: true, description: "A Codat API key for this borrower only; the gateway's own key is used otherwise. Stored encrypted, never returned." })
  @IsOptional()
  @IsText({ min: 8, max: 500 })
  apiKey?: string | null;
}
