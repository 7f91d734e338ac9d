// Bundles the borrower's settings page (web/settings) into dist/settings with esbuild: one script,
// one stylesheet and the HTML, nothing fetched at run time. Fails when the page grows past its budget.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'web/settings');
const out = path.join(root, 'dist/settings');
const BUDGET_GZIP_BYTES = 100 * 1024;

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(src, 'src/main.tsx')],
    outfile: path.join(out, 'app.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(src, 'index.html'), path.join(out, 'index.html'));
  for (const asset of ['app.css', 'icon.svg']) fs.copyFileSync(path.join(src, asset), path.join(out, asset));
  let total = 0;
  const sizes = ['index.html', 'app.js', 'app.css', 'icon.svg'].map((f) => {
    const bytes = fs.readFileSync(path.join(out, f));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    total += gz;
    return `${f} ${(bytes.length / 1024).toFixed(1)} KB (${(gz / 1024).toFixed(1)} KB gzipped)`;
  });
  process.stdout.write(`Settings page: ${sizes.join(', ')}; ${(total / 1024).toFixed(1)} KB gzipped in all\n`);
  if (total > BUDGET_GZIP_BYTES) throw new Error(`the settings page is ${total} bytes gzipped, over its budget of ${BUDGET_GZIP_BYTES}`);
}

main().catch((err) => {
  process.stderr.write(`Settings page build failed: ${err.message}\n`);
  process.exit(1);
});
