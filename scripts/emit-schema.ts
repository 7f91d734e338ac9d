import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../src/schema';

/**
 * Prints the schema the resolvers define to schema/schema.graphql.
 * With --check, fails instead when the committed file differs (a stale schema).
 */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '../../schema/schema.graphql');
  const printed = printSchema(lexicographicSortSchema(await createSchema())) + '\n';
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== printed) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql is up to date.\n');
    return;
  }
  fs.writeFileSync(file, printed);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
