import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import cors from 'cors';
import express from 'express';
import { RequestContext, type Services } from './context';
import { AppError, formatError } from './errors';
import { createSchema } from './schema';
import { requestLogPlugin } from './common/request-log.plugin';

const APOLLO_STUDIO = 'https://studio.apollographql.com';

/**
 * The HTTP server: GraphQL at /graphql (Apollo Sandbox landing page in development),
 * /healthz and /readyz, and whatever extra routers are mounted (the sandbox emulators).
 */
export async function createHttpServer(services: Services, mounts: { path: string; router: express.Router }[]) {
  const { config, log } = services;
  const production = config.nodeEnv === 'production';
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await services.db.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database does not answer' });
    }
  });
  for (const m of mounts) app.use(m.path, m.router);

  const apollo = new ApolloServer<RequestContext>({
    schema: await createSchema(),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    validationRules: [maxDepthRule({ n: 12, exposeLimits: false }), maxAliasesRule({ n: 30, exposeLimits: false })],
    formatError: (formatted, error) => formatError(formatted, error, (err) => log.error({ err }, 'unexpected error in a GraphQL request')),
    plugins: [
      requestLogPlugin(log),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();

  const origins = production ? config.corsOrigins : [APOLLO_STUDIO, ...config.corsOrigins];
  app.use(
    '/graphql',
    cors({ origin: origins, allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'] }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        const principal = await services.auth.authenticate(req.headers.authorization).catch((err: unknown) => {
          if (err instanceof AppError) return err;
          throw err;
        });
        return new RequestContext(services, principal, requestId);
      },
    }),
  );

  return { app, httpServer, apollo };
}
