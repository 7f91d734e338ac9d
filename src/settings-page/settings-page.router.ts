import fs from 'node:fs';
import path from 'node:path';
import express, { type Response } from 'express';
import type { Config } from '../config';

/** Where `npm run build` puts the page: dist/settings, seen from dist/src/settings-page or from src/settings-page. */
const BUILT_PAGE_DIRS = [path.resolve(__dirname, '../../settings'), path.resolve(__dirname, '../../dist/settings')];

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

/**
 * The Content-Security-Policy of the settings page: its own script, style and /graphql only, nothing
 * inline, and framed only by the origins in SETTINGS_FRAME_ANCESTORS (nobody by default).
 *
 * @example
 * settingsPageCsp(['https://app.lender.example']) // "...; frame-ancestors https://app.lender.example"
 */
export function settingsPageCsp(frameAncestors: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * GET /settings: the borrower's settings page, a single-page app built into dist/settings. The
 * company token travels in the URL fragment, which browsers never send, so it reaches no log.
 */
export function settingsPageRouter(config: Pick<Config, 'settingsFrameAncestors'>): express.Router {
  const dir = BUILT_PAGE_DIRS.find((d) => fs.existsSync(path.join(d, 'index.html')));
  const csp = settingsPageCsp(config.settingsFrameAncestors);
  const router = express.Router();

  const secure = (res: Response) => {
    res.set({
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    if (!config.settingsFrameAncestors.length) res.set('x-frame-options', 'DENY');
  };

  router.get('/', (_req, res) => {
    secure(res);
    if (!dir) {
      res.status(503).type('text/plain').send('The settings page is not built: run npm run build.');
      return;
    }
    res.set('cache-control', 'no-store').type('text/html; charset=utf-8').sendFile(path.join(dir, 'index.html'));
  });
  router.get('/:asset', (req, res, next) => {
    const type = ASSETS[req.params.asset];
    if (!type || !dir) return next();
    secure(res);
    res.set('cache-control', 'no-cache').type(type).sendFile(path.join(dir, req.params.asset));
  });
  return router;
}
