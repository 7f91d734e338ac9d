import 'reflect-metadata';
import { loadConfig } from './src/config';
import { createDataSource } from './src/database/data-source';

/** The DataSource the TypeORM CLI uses (`npm run migration:run`), from the same environment as the gateway. */
export default createDataSource(loadConfig(process.env).database);
