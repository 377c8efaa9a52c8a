import { webhookSecretsFrom } from './identity.config';

const a = 'whsec_aaaaaaaaaaaaaaaa';
const b = 'whsec_bbbbbbbbbbbbbbbb';

describe('identity vendor webhook secrets', () => {
  it('given a rotation list, a single secret or current plus previous, then every listed secret is valid', () => {
    expect(webhookSecretsFrom({ IDENTITY_VENDOR_WEBHOOK_SECRETS: ` ${b}, ${a} ` })).toEqual([b, a]);
    expect(webhookSecretsFrom({ IDENTITY_VENDOR_WEBHOOK_SECRET: a })).toEqual([a]);
    expect(webhookSecretsFrom({ IDENTITY_VENDOR_WEBHOOK_SECRET: b, IDENTITY_VENDOR_WEBHOOK_SECRET_PREVIOUS: a })).toEqual([b, a]);
  });

  it('given no secret or a short one, then configuration fails naming the variable', () => {
    expect(() => webhookSecretsFrom({})).toThrow(/IDENTITY_VENDOR_WEBHOOK_SECRETS/);
    expect(() => webhookSecretsFrom({ IDENTITY_VENDOR_WEBHOOK_SECRETS: `${a},short` })).toThrow(/16 characters/);
  });
});
