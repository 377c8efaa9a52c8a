import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test_0123456789abcdef';
const body = '{"id":"evt_1","type":"check.completed"}';
const now = 1_700_000_000_000;

describe('vendor webhook signatures', () => {
  it('accepts a body signed with the shared secret just now', () => {
    expect(verifyWebhookSignature(signWebhook(body, secret, now), body, secret, now + 1000)).toEqual({ ok: true, value: { timestampMs: now } });
  });

  it('refuses a changed body, another secret and a missing or garbled header', () => {
    const header = signWebhook(body, secret, now);
    expect(verifyWebhookSignature(header, body.replace('evt_1', 'evt_2'), secret, now)).toEqual({ ok: false, error: 'signature_mismatch' });
    expect(verifyWebhookSignature(signWebhook(body, 'another-secret-xxxxxxxx', now), body, secret, now)).toEqual({ ok: false, error: 'signature_mismatch' });
    expect(verifyWebhookSignature(undefined, body, secret, now)).toEqual({ ok: false, error: 'signature_missing' });
    expect(verifyWebhookSignature('t=abc,v1=zz', body, secret, now)).toEqual({ ok: false, error: 'signature_malformed' });
  });

  it('refuses a replay of a correctly signed delivery older than five minutes', () => {
    const header = signWebhook(body, secret, now);
    expect(verifyWebhookSignature(header, body, secret, now + 5 * 60 * 1000 + 1000)).toEqual({ ok: false, error: 'timestamp_outside_tolerance' });
  });

  it('refuses a fresh timestamp pasted onto an old signature', () => {
    const old = signWebhook(body, secret, now);
    const forged = old.replace(/t=\d+/, `t=${Math.floor((now + 10 * 60 * 1000) / 1000)}`);
    expect(verifyWebhookSignature(forged, body, secret, now + 10 * 60 * 1000)).toEqual({ ok: false, error: 'signature_mismatch' });
  });

  it('signs the bytes as received: a body that differs only in invalid UTF-8 bytes is another message', () => {
    const sent = Buffer.concat([Buffer.from('{"id":"evt_1","note":"'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const altered = Buffer.concat([Buffer.from('{"id":"evt_1","note":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(sent.toString('utf8')).toBe(altered.toString('utf8')); // a decoded-text MAC could not tell them apart
    const header = signWebhook(sent, secret, now);
    expect(verifyWebhookSignature(header, sent, secret, now)).toEqual({ ok: true, value: { timestampMs: now } });
    expect(verifyWebhookSignature(header, altered, secret, now)).toEqual({ ok: false, error: 'signature_mismatch' });
  });

  it('accepts a signature by any current secret while the vendor rotates, and one header carrying both', () => {
    const previous = 'whsec_prev_0123456789abcdef';
    const next = 'whsec_next_0123456789abcdef';
    const bySecret = (s: string) => signWebhook(body, s, now);
    expect(verifyWebhookSignature(bySecret(previous), body, [next, previous], now).ok).toBe(true);
    expect(verifyWebhookSignature(bySecret(next), body, [next, previous], now).ok).toBe(true);
    const both = `${bySecret(previous)},v1=${bySecret(next).split('v1=')[1]}`;
    expect(verifyWebhookSignature(both, body, [next], now).ok).toBe(true);
    expect(verifyWebhookSignature(bySecret('whsec_retired_0123456789ab'), body, [next, previous], now)).toEqual({ ok: false, error: 'signature_mismatch' });
    expect(verifyWebhookSignature(bySecret(previous), body, [], now)).toEqual({ ok: false, error: 'signature_mismatch' });
  });
});
