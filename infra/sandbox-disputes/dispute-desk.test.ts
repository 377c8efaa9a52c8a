import { DisputeDesk, isDeskRefusal, SandboxDispute } from './dispute-desk';

function desk(idPrefix = 'dp_') {
  const changes: SandboxDispute[] = [];
  const pending: Array<() => void> = [];
  const d = new DisputeDesk({ now: () => 1_000, idPrefix, outcomeDelayMs: 10, later: (run) => pending.push(run), onChange: (x) => changes.push(x) });
  const open = (kind: 'chargeback' | 'inquiry' = 'chargeback') => d.open({ paymentRef: 'auth_1', captureRef: 'cap_1', merchantReference: 'pay_1', amount: 500, currency: 'usd', scenario: { kind, reason: 'fraudulent' } });
  const runLater = () => pending.splice(0).forEach((run) => run());
  return { d, changes, open, runLater };
}

describe('sandbox dispute desk', () => {
  it('given a chargeback, when the evidence contains winning_evidence, then it goes under review and is won', () => {
    const { d, changes, open, runLater } = desk();
    const dispute = open();
    expect(dispute).toMatchObject({ status: 'needs_response', evidenceDueByMs: 1_000 + 7 * 86_400_000 });
    expect(d.defend(dispute.id, { uncategorized_text: 'Proof: WINNING_EVIDENCE attached' })).toMatchObject({ status: 'under_review' });
    runLater();
    expect(changes.map((c) => c.status)).toEqual(['needs_response', 'under_review', 'won']);
  });

  it('given other evidence, then the chargeback is lost; a second answer is refused', () => {
    const { d, changes, open, runLater } = desk();
    const dispute = open();
    d.defend(dispute.id, { product_description: 'a lamp' });
    expect(d.defend(dispute.id, { product_description: 'again' })).toEqual({ refused: 'not_open' });
    runLater();
    expect(changes.at(-1)?.status).toBe('lost');
  });

  it('given acceptance, then a chargeback is lost at once and an inquiry closed; unknown ids are refused', () => {
    const { d, open } = desk();
    expect(d.accept(open().id)).toMatchObject({ status: 'lost', accepted: true });
    expect(d.accept(open('inquiry').id)).toMatchObject({ status: 'warning_closed' });
    const missing = d.accept('dp_nope');
    expect(isDeskRefusal(missing) && missing.refused).toBe('not_found');
  });

  it('given an inquiry answered, then it closes whatever the evidence says', () => {
    const { d, changes, open, runLater } = desk();
    const inquiry = open('inquiry');
    expect(inquiry.status).toBe('warning_needs_response');
    d.defend(inquiry.id, { uncategorized_text: 'winning_evidence' });
    runLater();
    expect(changes.map((c) => c.status)).toEqual(['warning_needs_response', 'warning_under_review', 'warning_closed']);
  });

  it('given either prefix, then ids are random hex in the processor\'s own style', () => {
    const processorIds = [desk().open().id, desk().open().id];
    expect(processorIds[0]).toMatch(/^dp_[0-9a-f]{16}$/);
    expect(processorIds[1]).not.toBe(processorIds[0]);
    expect(desk('DP').open().id).toMatch(/^DP[0-9A-F]{16}$/);
  });

  it('given an accepted dispute, when it is accepted or defended again, then both are refused as not open and nothing changes', () => {
    const { d, changes, open } = desk();
    const dispute = open();
    d.accept(dispute.id);
    expect(d.accept(dispute.id)).toEqual({ refused: 'not_open' });
    expect(d.defend(dispute.id, { uncategorized_text: 'winning_evidence' })).toEqual({ refused: 'not_open' });
    expect(d.defend('dp_nope', { uncategorized_text: 'x' })).toEqual({ refused: 'not_found' });
    expect(changes.map((c) => c.status)).toEqual(['needs_response', 'lost']);
    expect(d.get(dispute.id)).toMatchObject({ status: 'lost', evidence: null });
    expect(d.all()).toHaveLength(1);
  });
});
