#!/usr/bin/env node
/**
 * Writes what the contracts kit extracts from a provider's OpenAPI files: the operations extract
 * the contract tests validate exchanges against, and any sandbox data taken from the specs.
 *
 *   node scripts/extract-contracts.js [provider] [specDir] [--out file] [--check]
 *
 * provider defaults to every provider whose contract file names an `out` (test/contracts/*.contract.js).
 * specDir defaults to the contract's environment variable (e.g. $CODAT_CONTRACTS_DIR), then
 * ../shared/contracts/<provider> next to the repo. --out writes the operations extract there and
 * no data files. --check compares instead of writing and exits 1 when a committed file is stale.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { ExtractError, REPO_ROOT, buildData, buildExtract, loadContract } = require('./contracts/openapi-extract');

function committedProviders() {
  return fs
    .readdirSync(path.join(REPO_ROOT, 'test', 'contracts'))
    .filter((name) => name.endsWith('.contract.js'))
    .map((name) => name.slice(0, -'.contract.js'.length))
    .filter((provider) => loadContract(provider).out);
}

function main(argv) {
  const positional = [];
  let out;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else if (argv[i] === '--check') check = true;
    else if (argv[i].startsWith('-')) throw new ExtractError(`unknown option ${argv[i]}`);
    else positional.push(argv[i]);
  }
  const [provider, specDir] = positional;
  const providers = provider ? [provider] : committedProviders();
  if (out && providers.length !== 1) throw new ExtractError('--out needs one provider');

  let stale = 0;
  for (const name of providers) {
    const contract = loadContract(name);
    if (!contract.out && !out) throw new ExtractError(`the ${name} contract has no committed extract; give --out`);
    const files = [{ out: out || path.resolve(REPO_ROOT, contract.out), text: buildExtract(contract, specDir) }];
    if (!out) files.push(...buildData(contract, specDir));
    for (const file of files) {
      const relative = path.relative(process.cwd(), file.out);
      if (check) {
        const current = fs.existsSync(file.out) ? fs.readFileSync(file.out, 'utf8') : null;
        if (current === file.text) process.stdout.write(`${relative} is up to date\n`);
        else {
          process.stderr.write(`${relative} is stale: run npm run contracts:extract\n`);
          stale += 1;
        }
        continue;
      }
      fs.mkdirSync(path.dirname(file.out), { recursive: true });
      fs.writeFileSync(file.out, file.text);
      process.stdout.write(`wrote ${relative} (${Buffer.byteLength(file.text)} bytes)\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`extract-contracts: ${err instanceof ExtractError ? err.message : err.stack}\n`);
    process.exitCode = 1;
  }
}
