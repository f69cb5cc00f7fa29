import { findApiKey, hashApiKey, parseApiKeyHashes } from './api-keys.js';

describe('API keys: configured as SHA-256 hashes', () => {
  const keys = parseApiKeyHashes(
    `bob:approver:${hashApiKey('key-of-bob')},backup-tool:agent+observer:${hashApiKey('key-of-the-tool')}`,
  );

  it('finds the entry whose hash matches the presented key, with its name and roles', () => {
    expect(findApiKey(keys, 'key-of-the-tool')).toMatchObject({ name: 'backup-tool', roles: ['agent', 'observer'] });
  });

  it('finds nothing for a key that is not configured, nor for a configured hash presented as a key', () => {
    expect(findApiKey(keys, 'key-of-mallory')).toBeNull();
    expect(findApiKey(keys, hashApiKey('key-of-bob'))).toBeNull();
  });

  it('refuses a key given in the clear instead of its hash', () => {
    expect(() => parseApiKeyHashes('bob:approver:key-of-bob')).toThrow(
      'API_KEYS entry for "bob" is not name:role[+role]:<SHA-256 of the key, hex>',
    );
  });

  it('refuses an unknown role, and the internal system role', () => {
    expect(() => parseApiKeyHashes(`bot:system:${hashApiKey('k')}`)).toThrow(
      'API_KEYS entry for "bot" names unknown role(s) system',
    );
  });
});
