import { completeXeroConsent } from '../src/sandbox/xero/consent-script';

/**
 * Completes the Xero sandbox's consent page without a browser and prints the callback URL
 * (with `code` and `state`, or `error`). Ticks the organisations named, or the first one.
 *   node dist/scripts/xero-consent.js '<authorise URL>' ['Brick Lane Bakery Ltd' …]
 *   node dist/scripts/xero-consent.js --deny '<authorise URL>'
 */
async function main(args: string[]): Promise<void> {
  const deny = args[0] === '--deny';
  const [url, ...names] = deny ? args.slice(1) : args;
  if (!url) throw new Error('usage: xero-consent [--deny] <authorise URL> [organisation name …]');
  const callback = await completeXeroConsent(url, {
    decision: deny ? 'deny' : 'allow',
    choose: names.length === 0 ? undefined : (organisations) => {
      const chosen = organisations.filter((o) => names.includes(o.tenantName));
      if (chosen.length !== names.length) throw new Error(`Organisations offered: ${organisations.map((o) => o.tenantName).join(', ')}`);
      return chosen.map((o) => o.tenantId);
    },
  });
  process.stdout.write(`${callback.toString()}\n`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
