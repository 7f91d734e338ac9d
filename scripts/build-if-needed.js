// Runs before `npm start`: compiles once on a fresh clone, and again whenever a source file, a tsconfig
// or the lockfile (a dependency changed) is newer than the build.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const output = path.join(root, 'dist/src/main.js');

function newestMtime(dir, pattern = /\.ts$/) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, pattern));
    else if (pattern.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const files = ['ormconfig.ts', 'package-lock.json', ...fs.readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f))];
const sources = [
  ...['src', 'migrations'].map((d) => newestMtime(path.join(root, d))),
  ...files.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs),
];
const stale = !fs.existsSync(output) || Math.max(...sources) > fs.statSync(output).mtimeMs;
if (stale) {
  process.stdout.write('Building the gateway (tsc)…\n');
  execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
}

const page = path.join(root, 'dist/settings/index.html');
const pageSources = ['web/settings'].map((d) => newestMtime(path.join(root, d), /\.(tsx?|css|html|graphql)$/));
if (!fs.existsSync(page) || Math.max(...pageSources) > fs.statSync(page).mtimeMs) {
  process.stdout.write('Building the settings page (esbuild)…\n');
  execSync('npm run build:settings', { cwd: root, stdio: 'inherit' });
}
