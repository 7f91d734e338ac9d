import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import type { Logger } from '../logger';

/** One log line per GraphQL operation: name, duration, error codes. Variables are never logged (they may hold ids and amounts). */
export function requestLogPlugin(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = errors?.map((e) => e.extensions?.code ?? 'INTERNAL');
          log.info({ requestId: contextValue.requestId, operation: operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, errors: codes }, 'graphql request');
        },
      };
    },
  };
}
