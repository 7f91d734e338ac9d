'use strict';
/** A gateway process, as `npm start` runs it, that also speaks to the test-only rotating provider. */
const path = require('node:path');
const root = path.resolve(__dirname, '../../../dist/src');
process.env.ROTATING_GATEWAY_ROOT = root;
require('reflect-metadata');
const { loadConfig } = require(`${root}/config`);
const { PROVIDERS } = require(`${root}/providers/providers`);
const { startGateway } = require(`${root}/gateway`);
const { rotating } = require('./rotating-provider');

startGateway(loadConfig(process.env, [...PROVIDERS, rotating]), { extraProviders: [rotating], skipDemo: true })
  .then((gw) => {
    process.stdout.write(`ready at ${gw.url}\n`);
    process.on('SIGTERM', () => gw.close().then(() => process.exit(0)));
  })
  .catch((err) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  });
