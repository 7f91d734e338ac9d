import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsText } from '../../common/validation';
import type { ProviderConnection } from '../accounting-provider';
import type { EnvReader } from '../provider';

/** Sinao's production API. */
export const SINAO_BASE_URL = 'https://api.sinao.app/v1';

/** Sinao's section of the environment. */
export interface SinaoEnv {
  /** Null means the embedded emulator. */
  baseUrl: string | null;
  timeoutMs: number;
}

/** What identifies a borrower at Sinao; stored with the company, not secret. */
export interface SinaoConfig {
  appId: string;
}

/** The borrower's API key, bound to its one Sinao application; sealed at rest. */
export interface SinaoSecrets {
  apiKey: string;
}

export type SinaoProviderConnection = ProviderConnection<SinaoConfig, SinaoSecrets>;

export function parseSinaoEnv(env: EnvReader): SinaoEnv {
  const baseUrl = env.url('SINAO_BASE_URL');
  return {
    baseUrl: baseUrl ?? (env.sandbox ? null : SINAO_BASE_URL),
    timeoutMs: env.int('SINAO_TIMEOUT_MS', 15000, 100, 300000),
  };
}

@InputType({ description: 'A borrower whose books are kept in Sinao: its application and an API key of that application.' })
export class SinaoConnectionInput {
  @Field({ description: "The id of the borrower's Sinao application (a number), as in https://api.sinao.app/v1/apps/{appId}." })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'appId must be the Sinao application id, a positive integer' })
  appId: string;

  @Field({ description: 'An API key created in that Sinao application for the lender. Stored encrypted, never returned.' })
  @IsText({ min: 8, max: 500 })
  apiKey: string;
}
