import { installHashPepper, keyedHash, keyedHashWith } from './keyed-hash';

describe('the hash key handed down from the configuration', () => {
  it('given an installed key, then personal identifiers are hashed under it', () => {
    const pepper = 'k'.repeat(40);
    installHashPepper(pepper);
    expect(keyedHash('email', 'ann@example.com')).toBe(keyedHashWith(pepper, 'email', 'ann@example.com'));
  });

  it('given a configuration without a key, then hashing refuses instead of falling back to any other key', () => {
    installHashPepper(null);
    expect(() => keyedHash('email', 'ann@example.com')).toThrow(/HASH_PEPPER must be set/);
  });
});
