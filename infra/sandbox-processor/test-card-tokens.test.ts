import { disputeScenarioOf, resolveTestToken } from './test-card-tokens';

describe('resolveTestToken', () => {
  it('approves the plain visa and mastercard tokens as US cards', () => {
    for (const [token, brand] of [['pm_card_visa', 'visa'], ['pm_card_mastercard', 'mastercard']] as const) {
      const resolved = resolveTestToken(token);
      expect(resolved?.behaviour).toEqual({ kind: 'approve' });
      expect(resolved?.card).toMatchObject({ brand, country: 'us' });
    }
  });

  it('reads brand, country and suffix from the general form', () => {
    expect(resolveTestToken('pm_card_amex_gb_1')?.card).toMatchObject({ brand: 'amex', country: 'gb' });
    expect(resolveTestToken('pm_card_mastercard_de')?.card).toMatchObject({ brand: 'mastercard', country: 'de' });
    expect(resolveTestToken('pm_card_visa_42')?.card).toMatchObject({ brand: 'visa', country: 'us' });
    expect(resolveTestToken('pm_card_visa_gb_2')?.behaviour).toEqual({ kind: 'approve' });
  });

  it('gives cards differing only by suffix distinct fingerprints', () => {
    const first = resolveTestToken('pm_card_visa_gb_1')!.card;
    const second = resolveTestToken('pm_card_visa_gb_2')!.card;
    expect(first.fingerprint).not.toEqual(second.fingerprint);
  });

  it('derives the same card every time for the same token', () => {
    const once = resolveTestToken('pm_card_visa_fr_abc')!.card;
    const again = resolveTestToken('pm_card_visa_fr_abc')!.card;
    expect(again).toEqual(once);
    expect(once.last4).toMatch(/^\d{4}$/);
    expect(once.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('maps scenario tokens to their behaviours', () => {
    expect(resolveTestToken('pm_card_declined')?.behaviour).toEqual({ kind: 'decline', declineCode: 'card_declined' });
    expect(resolveTestToken('pm_card_insufficient_funds')?.behaviour).toEqual({
      kind: 'decline',
      declineCode: 'insufficient_funds',
    });
    expect(resolveTestToken('pm_card_timeout_once')?.behaviour).toEqual({ kind: 'timeout_once' });
    expect(resolveTestToken('pm_card_processor_error')?.behaviour).toEqual({ kind: 'processor_error' });
  });

  it('knows nothing about tokens outside the catalogue', () => {
    for (const token of ['pm_card_discover', 'pm_card_', 'card_visa', 'pm_card_VISA', 'pm_card_visa_gb_1_x', '424242', 'constructor', 'toString', '__proto__']) {
      expect(resolveTestToken(token)).toBeUndefined();
    }
  });

  it('tells a fraud screen which tokens are everyday cards and which ask for a block or a review', () => {
    expect(resolveTestToken('pm_card_visa')?.testRisk).toBe('generic');
    expect(resolveTestToken('pm_card_mastercard_gb')?.testRisk).toBe('generic');
    expect(resolveTestToken('pm_card_visa_gb_7')?.testRisk).toBeUndefined();
    expect(resolveTestToken('pm_card_risk_highest')).toMatchObject({ testRisk: 'risk_highest', behaviour: { kind: 'approve' } });
    expect(resolveTestToken('pm_card_risk_elevated')).toMatchObject({ testRisk: 'risk_elevated', behaviour: { kind: 'approve' } });
  });

  it('marks the documented scenario tokens generic too, so their outcome never depends on how often they were used', () => {
    for (const token of ['pm_card_declined', 'pm_card_insufficient_funds', 'pm_card_timeout_once', 'pm_card_processor_error']) {
      expect(resolveTestToken(token)?.testRisk).toBe('generic');
    }
  });
});

describe('disputeScenarioOf', () => {
  const DISPUTE_TOKENS = ['pm_card_dispute_fraudulent', 'pm_card_dispute_product_not_received', 'pm_card_dispute_inquiry'];

  it('given a dispute token, then it approves as an everyday US Visa card the fraud screen lets through', () => {
    for (const token of DISPUTE_TOKENS) {
      expect(resolveTestToken(token)).toMatchObject({ behaviour: { kind: 'approve' }, testRisk: 'generic', card: { brand: 'visa', country: 'us' } });
    }
  });

  it('given a dispute token, then it names what the cardholder does after the capture', () => {
    expect(disputeScenarioOf('pm_card_dispute_fraudulent')).toEqual({ kind: 'chargeback', reason: 'fraudulent' });
    expect(disputeScenarioOf('pm_card_dispute_product_not_received')).toEqual({ kind: 'chargeback', reason: 'product_not_received' });
    expect(disputeScenarioOf('pm_card_dispute_inquiry')).toEqual({ kind: 'inquiry', reason: 'fraudulent' });
  });

  it('given any other token, then no dispute follows', () => {
    for (const token of ['pm_card_visa', 'pm_card_declined', 'pm_card_recon_dropped', 'pm_card_dispute_', 'pm_card_dispute_unknown', 'constructor', 'hasOwnProperty']) {
      expect(disputeScenarioOf(token)).toBeUndefined();
    }
  });
});
