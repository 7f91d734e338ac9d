import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { RequestContext, requireCompanyScope } from './context';
import type { Logger } from './logger';
import type { AuthService } from './modules/auth/auth.service';
import type { ProviderConnections } from './modules/companies/provider-connections';
import { BooksLoaders } from './modules/books/books.loaders';
import { LedgerLoaders, type LedgerReads } from './modules/ledger/ledger.loaders';
import { AppError, formatError, type ErrorCode } from './errors';
import { costLimitPlugin, hideSuggestionsPlugin, limitRules, tokenLimitError } from './common/graphql-limits';
import { createSchema } from './schema';
import { requestLogPlugin } from './common/request-log.plugin';
import { settingsPageRouter } from './settings-page/settings-page.router';

const APOLLO_STUDIO = 'https://studio.apollographql.com';
const BODY_LIMIT = '1mb';

/** A GraphQL error body for a request refused before it reaches the GraphQL server. */
function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

function refuseTooManyTokens(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const query = req.method === 'GET' ? req.query.query : body && typeof body === 'object' && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
  const refused = tokenLimitError(query);
  if (refused) sendError(res, 400, refused.code, refused.message);
  else next();
}

/**
 * Express's own failures (a body that is not JSON or too large, an unsupported encoding, anything
 * thrown outside GraphQL) as GraphQL errors: JSON with a code, never express's HTML page and stack.
 */
function answerRequestError(log: Logger) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const { type, status } = (err ?? {}) as { type?: string; status?: number };
    if (type === 'entity.too.large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${BODY_LIMIT.replace('mb', ' MB')}.`);
    if (type === 'entity.parse.failed') return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    if (status && status >= 400 && status < 500) {
      const message = type === 'encoding.unsupported' || type === 'charset.unsupported' ? 'The request body must be UTF-8 JSON.' : 'The request could not be read.';
      return sendError(res, status, 'BAD_REQUEST', message);
    }
    log.error({ err }, 'unexpected error in an HTTP request');
    sendError(res, 500, 'INTERNAL', 'Internal server error');
  };
}

/** What the gateway still waits for before it is ready (null once it is): /readyz answers 503 until then. */
export interface Readiness {
  pending: string | null;
}

/** What the HTTP server serves: the resolvers (built with their services) and what each request needs. */
export interface HttpServerDeps {
  config: Config;
  log: Logger;
  db: DataSource;
  auth: Pick<AuthService, 'authenticate'>;
  connections: Pick<ProviderConnections, 'resolve'>;
  resolvers: object[];
  ledgerReads: LedgerReads;
}

/**
 * The HTTP server: GraphQL at /graphql (Apollo Sandbox landing page in development),
 * /healthz and /readyz, and whatever extra routers are mounted (the sandbox emulators).
 */
export async function createHttpServer(services: HttpServerDeps, mounts: { path: string; router: express.Router }[], readiness: Readiness = { pending: null }) {
  const { config, log } = services;
  const production = config.nodeEnv === 'production';
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (readiness.pending) {
      res.status(503).json({ status: 'starting', reason: readiness.pending });
      return;
    }
    try {
      await services.db.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database does not answer' });
    }
  });
  for (const m of mounts) app.use(m.path, m.router);
  app.use('/settings', settingsPageRouter(config));

  const schema = await createSchema(services.resolvers);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // The gateway's own signal handlers stop it in order (worker, HTTP server, database); Apollo's
    // would also keep every gateway a process ever started alive through the process's listeners.
    stopOnTerminationSignals: false,
    validationRules: limitRules(),
    formatError: (formatted, error) => formatError(formatted, error, (err) => log.error({ err }, 'unexpected error in a GraphQL request')),
    plugins: [
      requestLogPlugin(log),
      costLimitPlugin(schema),
      ...(production ? [hideSuggestionsPlugin()] : []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();

  const origins = production ? config.corsOrigins : [APOLLO_STUDIO, ...config.corsOrigins];
  app.use(
    '/graphql',
    cors({ origin: origins, allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'] }),
    express.json({ limit: BODY_LIMIT }),
    refuseTooManyTokens,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        const principal = await services.auth.authenticate(req.headers.authorization).catch((err: unknown) => {
          if (err instanceof AppError) return err;
          throw err;
        });
        const books = new BooksLoaders((companyId) => requireCompanyScope(principal, companyId), services.connections);
        return new RequestContext(principal, requestId, books, new LedgerLoaders(services.ledgerReads));
      },
    }),
  );
  app.use(answerRequestError(log));

  return { app, httpServer, apollo };
}
