import { createHash, randomBytes, randomUUID } from 'crypto';

/**
 * A UUID-shaped id derived from the company id and a label, so that seeding the same company again
 * (for instance after a restart) gives every record the same id the gateway may have stored.
 */
export function deterministicUuid(companyId: string, label: string): string {
  const hex = createHash('sha256').update(`${companyId}\u0000${label}`).digest('hex');
  // Version 5 and RFC 4122 variant bits, so strict UUID validators accept the ids.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newUuid(): string {
  return randomUUID();
}

/** Codat's correlation ids are 32 lower-case hex characters. */
export function correlationId(): string {
  return randomBytes(16).toString('hex');
}
