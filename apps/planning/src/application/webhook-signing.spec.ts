import { verifySignature } from '../../../../test/support/webhook-receiver.js';
import { newSecret, secretFingerprint, webhookSignature } from './webhook-signing.js';

describe('notice webhook signing', () => {
  const secret = 'a-subscription-secret-0123456789';
  const now = Math.floor(Date.now() / 1000);
  const headers = (body: string, signedWith = secret) => ({
    'webhook-id': 'n-1:sub-1',
    'webhook-timestamp': String(now),
    'webhook-signature': webhookSignature(signedWith, 'n-1:sub-1', now, body),
  });

  it('signs so that a receiver following the README recipe verifies it', () => {
    expect(verifySignature(secret, headers('{"a":1}'), '{"a":1}')).toBe(true);
  });

  it('fails verification for a changed body or another secret', () => {
    expect(verifySignature(secret, headers('{"a":1}'), '{"a":2}')).toBe(false);
    expect(verifySignature(secret, headers('{"a":1}', 'another-secret-0123456789abc'), '{"a":1}')).toBe(false);
  });

  it('generates distinct secrets and shows only a 16-digit fingerprint of one', () => {
    const [a, b] = [newSecret(), newSecret()];
    expect(a).not.toBe(b);
    expect(secretFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
