import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const gateway = await startGateway(config);
  const lines = [`Writeback Gateway ready at ${gateway.url}`];
  if (config.nodeEnv !== 'production') lines.push(`Open ${gateway.url} in a browser for Apollo Sandbox.`);
  if (gateway.adminApiKey && config.nodeEnv !== 'production') lines.push(`Admin API key: ${gateway.adminApiKey}  (send "Authorization: Bearer <key>")`);
  for (const demo of gateway.demos) {
    lines.push(`Demo company id: ${demo.companyId}  (on ${demo.provider}; use it as companyId in GraphQL)`);
    lines.push(`Demo books in the ${demo.provider} sandbox: ${demo.booksUrl}`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.services.log.info({ signal }, 'shutting down');
    await gateway.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
