import { createHash } from 'node:crypto';
import { customerKeyOf } from '../compliance/application/monitor-transactions.command';
import { keyHash } from '../fraud/domain/velocity-buckets';
import { hashPepperFrom, keyedHashWith } from './keyed-hash';
import { DEVELOPMENT_HASH_PEPPER } from './runtime-environment';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PEPPER = 'p'.repeat(40);

describe('keyed hashes of personal identifiers', () => {
  it('given the same value under two keys, then the hashes differ, so a stored id cannot be found by hashing guesses', () => {
    expect(keyedHashWith(PEPPER, 'ip', '203.0.113.7')).not.toBe(keyedHashWith('q'.repeat(40), 'ip', '203.0.113.7'));
    expect(keyedHashWith(PEPPER, 'ip', '203.0.113.7')).not.toBe(sha256('ip:203.0.113.7'));
    expect(keyedHashWith(PEPPER, 'email', 'x')).not.toBe(keyedHashWith(PEPPER, 'ip', 'x'));
  });

  it('given the fraud velocity keys and the AML customer key, then both are keyed hashes, not plain SHA-256', () => {
    const email = 'ann@example.com';
    expect(keyHash('email', ` ${email.toUpperCase()} `)).toBe(keyedHashWith(DEVELOPMENT_HASH_PEPPER, 'email', email).slice(0, 24));
    expect(keyHash('ip', '203.0.113.7')).toBe(keyedHashWith(DEVELOPMENT_HASH_PEPPER, 'ip', '203.0.113.7').slice(0, 24));
    expect(keyHash('ip', '203.0.113.7')).not.toBe(sha256('ip:203.0.113.7').slice(0, 24));
    const amlKey = customerKeyOf({ id: 'pay_1', livemode: false, customer: { email }, authorization: null }).key;
    expect(amlKey).toBe(`test_${keyedHashWith(DEVELOPMENT_HASH_PEPPER, 'aml-customer-email', `test:${email}`).slice(0, 32)}`);
    expect(amlKey).not.toContain(sha256(email).slice(0, 32));
  });

  it('takes HASH_PEPPER when set; the public development key only on the emulator or in unit tests; otherwise refuses', () => {
    expect(hashPepperFrom({ HASH_PEPPER: PEPPER, K_SERVICE: 'fn' })).toBe(PEPPER);
    expect(hashPepperFrom({ FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' })).toBe(DEVELOPMENT_HASH_PEPPER);
    expect(() => hashPepperFrom({ K_SERVICE: 'fn' })).toThrow(/HASH_PEPPER/);
    expect(() => hashPepperFrom({ K_SERVICE: 'fn', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' })).toThrow(/HASH_PEPPER/);
    expect(() => hashPepperFrom({})).toThrow(/HASH_PEPPER/);
  });
});
