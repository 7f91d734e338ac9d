import express, { Router, type Request, type Response } from 'express';
import { AppError } from '../../errors';
import type { AuthorisingCompany, ProviderServices } from '../provider';
import { ProviderError } from '../provider-error';
import { XeroAdapter } from './xero.adapter';
import { authEventIdOf } from './xero-oauth.client';
import { connectedPage, pickerPage, problemPage, type PickerOrganisation } from './xero-connect.pages';
import { XERO_CALLBACK_PATH, type XeroEnv, type XeroSecrets } from './xero.settings';
import type { XeroTenantConnection } from './xero.types';

const CHOOSE_PATH = `${XERO_CALLBACK_PATH}/organisation`;

/** What the picker step keeps server-side until the borrower chooses. */
interface PendingChoice {
  tokens: XeroSecrets;
  connections: Array<Pick<XeroTenantConnection, 'id' | 'tenantId' | 'tenantName'>>;
}

/**
 * The end of connecting a borrower's Xero: `GET /oauth/xero/callback` takes the single-use `state`,
 * exchanges the code (with the PKCE verifier kept for it), lists the organisations granted and
 * connects the company to its organisation — the one it was registered or connected with, the only
 * one granted, or the one the borrower picks on `POST /oauth/xero/callback/organisation`.
 */
export function xeroConnectRoutes(services: ProviderServices<XeroEnv>): Router {
  const router = Router();
  const { authorisations } = services;
  const adapter = () => {
    const a = services.adapter();
    if (!(a instanceof XeroAdapter)) throw new Error('The Xero routes need the Xero adapter');
    return a;
  };

  router.get(XERO_CALLBACK_PATH, async (req, res) => {
    const pending = await authorisations.take(text(req.query.state));
    if (!pending) return page(res, 400, problemPage('This link has expired', 'This authorisation was already used or has expired. Start connecting Xero again from where you began.'));
    const error = text(req.query.error);
    if (error) return page(res, 400, problemPage('Xero was not connected', error === 'access_denied' ? 'You cancelled the authorisation at Xero.' : `Xero answered: ${error}.`));
    const code = text(req.query.code);
    const verifier = pending.data.codeVerifier;
    if (!code || typeof verifier !== 'string') return page(res, 400, problemPage('Xero was not connected', 'Xero sent no authorisation code.'));
    try {
      const oauth = adapter().oauth();
      const tokens = await oauth.exchangeCode(code, verifier);
      const granted = await oauth.connections(tokens.accessToken, authEventIdOf(tokens.accessToken));
      const own = ownTenant(pending.company);
      // Connecting again, the borrower may leave their organisation as it was granted before.
      const all = own && !granted.some((c) => c.tenantId === own) ? await oauth.connections(tokens.accessToken) : granted;
      return await settle(res, pending.company, tokens, all);
    } catch (err) {
      return failed(res, err);
    }
  });

  router.post(CHOOSE_PATH, express.urlencoded({ extended: false, limit: '16kb' }), async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const pending = await authorisations.take(text(body.choice));
    if (!pending) return page(res, 400, problemPage('This choice has expired', 'This choice was already made or has expired. Start connecting Xero again from where you began.'));
    const { tokens, connections } = pending.data as unknown as PendingChoice;
    const chosen = connections.find((c) => c.tenantId === text(body.tenantId));
    if (!chosen) return page(res, 400, problemPage('Xero was not connected', 'Choose one of the organisations offered.'));
    try {
      return await connect(res, pending.company, tokens, chosen);
    } catch (err) {
      return failed(res, err);
    }
  });

  /** Connects the company's own organisation, the only one granted, or asks the borrower to pick. */
  async function settle(res: Response, company: AuthorisingCompany, tokens: XeroSecrets, granted: XeroTenantConnection[]): Promise<void> {
    const own = ownTenant(company);
    if (own) {
      const match = granted.find((c) => c.tenantId === own);
      if (!match) return page(res, 400, problemPage('Xero was not connected', `${company.name} keeps its books in another Xero organisation than the ones you gave access to. Connect again and tick that organisation.`));
      return connect(res, company, tokens, match);
    }
    if (granted.length === 0) return page(res, 400, problemPage('Xero was not connected', 'You gave access to no organisation. Connect again and tick one.'));
    if (granted.length === 1) return connect(res, company, tokens, granted[0]);
    const connections = granted.map(({ id, tenantId, tenantName }) => ({ id, tenantId, tenantName }));
    const { handle } = await authorisations.keep(company.id, { tokens, connections } satisfies PendingChoice as unknown as Record<string, unknown>);
    const organisations: PickerOrganisation[] = connections.map((c) => ({ tenantId: c.tenantId, tenantName: c.tenantName ?? c.tenantId }));
    return page(res, 200, pickerPage({ companyName: company.name, action: CHOOSE_PATH, choice: handle, organisations }));
  }

  async function connect(res: Response, company: AuthorisingCompany, tokens: XeroSecrets, tenant: Pick<XeroTenantConnection, 'id' | 'tenantId' | 'tenantName'>): Promise<void> {
    const connected = await authorisations.connect(company.id, {
      config: { tenantId: tenant.tenantId, connectionId: tenant.id },
      key: tenant.tenantId,
      secrets: tokens,
      tenantName: tenant.tenantName ?? null,
    });
    services.log.info({ companyId: company.id, tenantId: tenant.tenantId }, 'company connected to its Xero organisation');
    return page(res, 200, connectedPage(connected.name, tenant.tenantName ?? null));
  }

  function failed(res: Response, err: unknown): void {
    if (err instanceof AppError && err.code === 'CONFLICT') return page(res, 409, problemPage('Xero was not connected', err.message));
    if (err instanceof ProviderError) return page(res, 502, problemPage('Xero was not connected', `${err.message}. Start connecting again.`));
    services.log.error({ err }, 'connecting a company to Xero failed');
    return page(res, 500, problemPage('Xero was not connected', 'Something went wrong on our side. Start connecting again.'));
  }

  return router;
}

/** The organisation a company was registered or connected with, if any. */
function ownTenant(company: AuthorisingCompany): string | null {
  return typeof company.config.tenantId === 'string' ? company.config.tenantId : null;
}

function page(res: Response, status: number, html: string): void {
  res.status(status).set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).type('html').send(html);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
