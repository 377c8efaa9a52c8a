import { MERCHANT } from '../../payments/application/testing/payment-builders';
import { paymentHeldBy } from '../../payments/application/testing/held-payment';
import { openCase, resolveCase } from '../domain/compliance-case';
import { releaseSanctionsHold } from './release-sanctions-hold.command';

function resolvedCaseAbout(paymentId: string, outcome: 'cleared' | 'reported') {
  const open = openCase({ kind: 'sanctions_hit', priority: 'normal', subject: `payments/${paymentId}`, merchantId: MERCHANT.merchantId, livemode: MERCHANT.livemode, summary: 'Weak match', details: {} }, 0);
  // `reported` takes four eyes: ria (analyst) proposes, sam (supervisor) approves.
  const first = resolveCase(open, outcome, 'Reviewed.', { actor: 'staff:ria', role: 'analyst' }, 1);
  if (!first.ok) throw new Error('expected a resolution');
  if (outcome === 'cleared') return first.value;
  const approved = resolveCase(first.value, outcome, 'Approved.', { actor: 'staff:sam', role: 'supervisor' }, 2);
  if (!approved.ok) throw new Error('expected an approval');
  return approved.value;
}

describe('releasing a sanctions hold by resolving its case', () => {
  it('given a payment held by the sanctions gate, when its case is cleared, then the chain continues to succeeded; again changes nothing', async () => {
    const { h, id } = await paymentHeldBy('sanctions');
    expect(await releaseSanctionsHold(h.deps, resolvedCaseAbout(id, 'cleared'))).toBe('released');
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'succeeded' });
    expect(await releaseSanctionsHold(h.deps, resolvedCaseAbout(id, 'cleared'))).toBe('not_held');
  });

  it('given a payment held by the sanctions gate, when its case is reported, then the payment fails with compliance_blocked and is never authorised', async () => {
    const { h, id } = await paymentHeldBy('sanctions');
    expect(await releaseSanctionsHold(h.deps, resolvedCaseAbout(id, 'reported'))).toBe('blocked');
    await h.settle();
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'compliance_blocked' } });
    expect(h.processor.calls).toEqual([]);
  });

  it('given a payment held by another gate, then a sanctions case does not release it', async () => {
    const { h, id } = await paymentHeldBy('fraud');
    expect(await releaseSanctionsHold(h.deps, resolvedCaseAbout(id, 'cleared'))).toBe('not_held');
    expect(await h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'fraud' });
  });
});
