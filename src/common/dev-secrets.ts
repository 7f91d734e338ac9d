import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DevSecrets {
  secretKey: string;
  adminApiKey: string;
}

/**
 * In development the gateway makes up its own secret key and admin API key on first boot and
 * keeps them in `<dataDir>/dev-secrets.json` (mode 600), so restarts reuse them and the
 * encrypted credentials stay readable.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DevSecrets>;
    if (parsed.secretKey && parsed.adminApiKey) return parsed as DevSecrets;
  }
  const secrets: DevSecrets = {
    secretKey: randomBytes(32).toString('base64'),
    adminApiKey: `wgk_${randomBytes(24).toString('base64url')}`,
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}
