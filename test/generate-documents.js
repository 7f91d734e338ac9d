// Jest's global setup: generates the typed operations the tests import (test/generated/, git-ignored)
// when they are missing or older than the schema, the operations or codegen.yml, so that
// `npx jest <file>` works on a fresh clone and after a schema change, as `npm run codegen` would.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const output = path.join(root, 'test/generated/graphql.ts');

function inputs() {
  const operations = path.join(root, 'test/operations');
  return [
    path.join(root, 'schema/schema.graphql'),
    path.join(root, 'codegen.yml'),
    ...fs.readdirSync(operations).filter((f) => f.endsWith('.graphql')).map((f) => path.join(operations, f)),
  ];
}

module.exports = function generateDocuments() {
  const builtAt = fs.existsSync(output) ? fs.statSync(output).mtimeMs : -1;
  if (inputs().every((file) => fs.statSync(file).mtimeMs <= builtAt)) return;
  // The package exports no path to its command; it sits beside the main module.
  const cli = path.join(path.dirname(require.resolve('@graphql-codegen/cli')), 'bin.js');
  execFileSync(process.execPath, [cli, '--config', 'codegen.yml', '--silent'], { cwd: root, stdio: 'inherit' });
  // codegen leaves an unchanged file as it was; mark it current so that the next run skips it.
  const now = new Date();
  fs.utimesSync(output, now, now);
};
