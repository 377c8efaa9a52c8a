import { minorUnits } from '../../shared/money';
import { acceptDispute, applyProcessorStatus, Dispute, DisputeStatus, openDispute, updateEvidence } from './dispute';

const FEE = minorUnits(1500);
const open = (status: DisputeStatus = 'needs_response') =>
  openDispute({
    id: 'dp_1', payment: { id: 'pay_1', merchantId: 'acct_1', livemode: false }, processor: 'sandbox_processor', processorDisputeId: 'pdp_1',
    amount: minorUnits(5000), currency: 'usd', reason: 'fraudulent', status, evidenceDueByMs: 10_000, chargebackFee: FEE, nowMs: 1_000,
  });
const types = (events: readonly { type: string }[]) => events.map((e) => e.type);
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('dispute decisions', () => {
  it('given a chargeback, when it opens, then the amount and the fee are withdrawn', () => {
    const { dispute, events } = open();
    expect(dispute).toMatchObject({ status: 'needs_response', fee: 1500, fundsWithdrawn: true, fundsReinstated: false });
    expect(events).toEqual([{ type: 'dispute.created' }, { type: 'dispute.funds_withdrawn', amount: 5000, fee: 1500 }]);
  });

  it('given an inquiry, when it opens, then no money moves and no fee is charged', () => {
    const { dispute, events } = open('warning_needs_response');
    expect(dispute).toMatchObject({ status: 'warning_needs_response', fee: 0, fundsWithdrawn: false });
    expect(types(events)).toEqual(['dispute.created']);
  });

  it('given a chargeback, when evidence is saved without submitting, then it stays open and later saves merge', () => {
    const first = unwrap(updateEvidence(open().dispute, { evidence: { product_description: 'a lamp' }, submit: false, nowMs: 2_000 }));
    expect(first.dispute.status).toBe('needs_response');
    const second = unwrap(updateEvidence(first.dispute, { evidence: { uncategorized_text: 'winning_evidence' }, submit: true, metadata: { case: '7' }, nowMs: 3_000 }));
    expect(second.dispute).toMatchObject({ status: 'under_review', evidence: { product_description: 'a lamp', uncategorized_text: 'winning_evidence' }, evidenceSubmittedMs: 3_000, metadata: { case: '7' } });
    expect(second.events).toEqual([{ type: 'dispute.updated', previousStatus: 'needs_response' }]);
  });

  it('given submitted evidence, when the merchant changes it again, then it is refused', () => {
    const submitted = unwrap(updateEvidence(open().dispute, { evidence: { uncategorized_text: 'x' }, submit: true, nowMs: 2_000 })).dispute;
    const again = updateEvidence(submitted, { evidence: { uncategorized_text: 'y' }, submit: true, nowMs: 3_000 });
    expect(again.ok || again.error.code).toBe('dispute_not_open');
    expect(acceptDispute(submitted, 3_000).ok).toBe(false);
  });

  it('given no evidence saved, when the merchant submits, then it is refused and nothing changes', () => {
    const empty = updateEvidence(open().dispute, { evidence: {}, submit: true, nowMs: 2_000 });
    expect(empty.ok || empty.error.code).toBe('dispute_evidence_missing');
  });

  it('given the due date passed, when evidence arrives, then it is refused as past due', () => {
    const late = updateEvidence(open().dispute, { evidence: { uncategorized_text: 'x' }, submit: true, nowMs: 10_001 });
    expect(late.ok || late.error.code).toBe('dispute_past_due');
  });

  it('given a chargeback under review, when the processor says won, then it closes and the amount (not the fee) is reinstated', () => {
    const submitted = unwrap(updateEvidence(open().dispute, { evidence: { uncategorized_text: 'x' }, submit: true, nowMs: 2_000 })).dispute;
    const won = applyProcessorStatus(submitted, 'won', FEE, 4_000);
    expect(won.dispute).toMatchObject({ status: 'won', fundsReinstated: true });
    expect(won.events).toEqual([{ type: 'dispute.closed', previousStatus: 'under_review' }, { type: 'dispute.funds_reinstated', amount: 5000 }]);
  });

  it('given a closed dispute, when the processor repeats or contradicts the outcome, then nothing changes', () => {
    const lost = applyProcessorStatus(open().dispute, 'lost', FEE, 4_000).dispute;
    expect(applyProcessorStatus(lost, 'lost', FEE, 5_000).events).toEqual([]);
    expect(applyProcessorStatus(lost, 'won', FEE, 5_000)).toEqual({ dispute: lost, events: [] });
  });

  it('given an inquiry, when it becomes a chargeback, then the funds are withdrawn then', () => {
    const escalated = applyProcessorStatus(open('warning_needs_response').dispute, 'needs_response', FEE, 4_000);
    expect(escalated.dispute).toMatchObject({ status: 'needs_response', fee: 1500, fundsWithdrawn: true });
    expect(types(escalated.events)).toEqual(['dispute.updated', 'dispute.funds_withdrawn']);
  });

  it('given an open chargeback, when the merchant accepts it, then it is lost and nothing returns', () => {
    const accepted = unwrap(acceptDispute(open().dispute, 2_000));
    expect(accepted.dispute.status).toBe('lost');
    expect(accepted.events).toEqual([{ type: 'dispute.closed', previousStatus: 'needs_response' }]);
    const inquiry = unwrap(acceptDispute(open('warning_needs_response').dispute, 2_000));
    expect(inquiry.dispute.status).toBe('warning_closed');
  });

  it('given a dispute first heard of already won, when it opens, then it withdraws and reinstates in one decision', () => {
    const { dispute, events } = open('won');
    expect(dispute as Dispute).toMatchObject({ status: 'won', fundsWithdrawn: true, fundsReinstated: true });
    expect(types(events)).toEqual(['dispute.created', 'dispute.funds_withdrawn', 'dispute.closed', 'dispute.funds_reinstated']);
  });
});
