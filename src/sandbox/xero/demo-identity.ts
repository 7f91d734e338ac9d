import type { XeroAppRegistration, XeroOrganisationSeed, XeroSandboxUser } from './xero-identity.types';

/**
 * The app the sandbox registers when none is given: a confidential web app whose redirect URIs
 * are the gateway's callback on its default port.
 *
 * @example
 * const { router } = createXeroIdentitySandbox({ clients: [{ ...DEMO_XERO_APP, redirectUris: ['http://127.0.0.1:5000/oauth/xero/callback'] }] });
 */
export const DEMO_XERO_APP: XeroAppRegistration = {
  clientId: 'C0DE5A4D80B34B6A9D0E0D5A1E7F0A11',
  clientSecret: 'sandbox-xero-client-secret-not-for-production',
  redirectUris: ['http://localhost:4000/oauth/xero/callback', 'http://127.0.0.1:4000/oauth/xero/callback'],
  name: 'Writeback Gateway (sandbox)',
  bankFeeds: true,
};

/** Two organisations, so that the borrower has to pick one. */
export const DEMO_XERO_ORGANISATIONS: XeroOrganisationSeed[] = [
  { name: 'Brick Lane Bakery Ltd' },
  { name: 'Boulangerie Martin SARL' },
];

export const DEMO_XERO_USER: XeroSandboxUser = {
  xeroUserId: '5d1c8a9e-3b7f-4f0e-9a2d-6c4b1e8f7a30',
  email: 'borrower@example.com',
  givenName: 'Claire',
  familyName: 'Martin',
};
