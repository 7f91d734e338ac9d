import { SecretBox } from '../../src/common/secret-box';

const KEY = 'a-secret-key-of-at-least-32-characters!!';

describe('SecretBox', () => {
  it('opens what it sealed, including non-ASCII and empty secrets', () => {
    const box = new SecretBox(KEY);
    for (const secret of ['codat-api-key-123', '', 'clé «secrète» ✓', 'x'.repeat(10_000)]) expect(box.open(box.seal(secret))).toBe(secret);
  });

  it('never stores the secret in clear, and seals the same secret differently each time', () => {
    const box = new SecretBox(KEY);
    const a = box.seal('codat-api-key-123');
    const b = box.seal('codat-api-key-123');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toContain('codat-api-key');
    expect(Buffer.from(a.slice(3), 'base64').toString('latin1')).not.toContain('codat-api-key');
    expect(a).not.toBe(b);
  });

  it('cannot be opened with another key', () => {
    const sealed = new SecretBox(KEY).seal('codat-api-key-123');
    expect(() => new SecretBox(`${KEY}?`).open(sealed)).toThrow();
  });

  it('refuses a sealed value that was tampered with', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('codat-api-key-123');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow();
  });

  it('refuses values of another version or with no payload', () => {
    const box = new SecretBox(KEY);
    const payload = box.seal('s').slice(3);
    expect(() => box.open(`v2:${payload}`)).toThrow('Unrecognised sealed secret');
    expect(() => box.open('v1:')).toThrow('Unrecognised sealed secret');
    expect(() => box.open('plain text')).toThrow('Unrecognised sealed secret');
  });
});
