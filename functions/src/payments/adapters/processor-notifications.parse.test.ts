import { Webhook } from 'standardwebhooks';
import { parseAcquirerNotification } from './euro-acquirer.notifications';
import { parseSandboxProcessorNotification } from './sandbox-processor.notifications';

// Both processors' dispute notifications, signed as their sandboxes sign them, mapped to the domain's words.
const SECRET = 'whsec_' + Buffer.from('notification-secret-0123456789').toString('base64');
const OTHER = 'whsec_' + Buffer.from('another-secret-for-tests-0123').toString('base64');
const signed = (body: object, secret = SECRET) => {
  const raw = JSON.stringify(body);
  const id = 'msg_1';
  const at = new Date();
  return { raw: Buffer.from(raw), headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, raw) } };
};

describe('acquirer dispute notifications', () => {
  const item = (eventCode: string, reason: string | null, extra: object = {}) => ({
    id: 'ntf_1', type: eventCode, live: 'false',
    notificationItems: [{ eventCode, success: 'true', pspReference: 'DP01', originalReference: 'EA01', merchantReference: 'pay_1', amount: { value: '25.00', currency: 'EUR' }, reason, eventDate: '2026-11-29T00:00:00.000Z', ...extra }],
  });

  it.each([
    ['CHARGEBACK', '10.4', 'needs_response', 'fraudulent'],
    ['REQUEST_FOR_INFORMATION', '13.1', 'warning_needs_response', 'product_not_received'],
    ['CHARGEBACK_REVERSED', '10.4', 'won', 'fraudulent'],
    ['SECOND_CHARGEBACK', '99.9', 'lost', 'general'],
    ['INFORMATION_SUPPLIED', '13.1', 'warning_closed', 'product_not_received'],
  ])('given %s with reason code %s, then the dispute is %s (%s) in minor units', (eventCode, reason, status, domainReason) => {
    const note = signed(item(eventCode, reason, { additionalData: { defensePeriodEndsAt: '2026-12-06T00:00:00.000Z', disputeStatus: 'Undefended' } }));
    expect(parseAcquirerNotification(note.raw, note.headers, [new Webhook(SECRET)], 'test')).toEqual({
      ok: true,
      notifications: [{ id: 'ntf_1', kind: 'dispute', processorDisputeId: 'DP01', paymentProcessorReference: 'EA01', reference: 'pay_1', amount: 2500, currency: 'eur', livemode: false, reason: domainReason, status, evidenceDueByMs: Date.parse('2026-12-06T00:00:00.000Z') }],
    });
  });

  it('given no defence deadline, then the evidence is due 7 days after the event', () => {
    const note = signed(item('CHARGEBACK', '10.4'));
    const parsed = parseAcquirerNotification(note.raw, note.headers, [new Webhook(SECRET)], 'test');
    expect(parsed.ok && parsed.notifications[0]).toMatchObject({ evidenceDueByMs: Date.parse('2026-12-06T00:00:00.000Z') });
  });

  it('given another secret, an unknown event code or the other mode, then it is refused', () => {
    const note = signed(item('CHARGEBACK', '10.4'), OTHER);
    expect(parseAcquirerNotification(note.raw, note.headers, [new Webhook(SECRET)], 'test')).toEqual({ ok: false, reason: 'bad_signature' });
    const unknown = signed(item('MYSTERY', null));
    expect(parseAcquirerNotification(unknown.raw, unknown.headers, [new Webhook(SECRET)], 'test')).toEqual({ ok: false, reason: 'malformed' });
    const live = signed({ ...item('CHARGEBACK', '10.4'), live: 'true' });
    expect(parseAcquirerNotification(live.raw, live.headers, [new Webhook(SECRET)], 'test')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('sandbox processor dispute notifications', () => {
  const body = (status: string, reason = 'fraudulent', livemode = false) => ({
    id: 'evt_0a1b', type: 'dispute.opened', livemode, created_ms: 1,
    data: { dispute: { id: 'dp_9f', authorization: 'auth_1', capture: 'cap_1', reference: 'pay_1', amount: 4000, currency: 'usd', reason, status, evidence_due_by_ms: 123 } },
  });

  it('given a signed dispute, then it maps as is, with an unknown reason as general', () => {
    const note = signed(body('needs_response', 'something_new'));
    expect(parseSandboxProcessorNotification(note.raw, note.headers, [new Webhook(OTHER), new Webhook(SECRET)], 'test')).toEqual({
      ok: true,
      notifications: [{ id: 'evt_0a1b', kind: 'dispute', processorDisputeId: 'dp_9f', paymentProcessorReference: 'auth_1', reference: 'pay_1', amount: 4000, currency: 'usd', livemode: false, reason: 'general', status: 'needs_response', evidenceDueByMs: 123 }],
    });
  });

  it('given no secret, a tampered body or the other mode, then it is refused', () => {
    const note = signed(body('won'));
    expect(parseSandboxProcessorNotification(note.raw, note.headers, [], 'test')).toEqual({ ok: false, reason: 'bad_signature' });
    expect(parseSandboxProcessorNotification(Buffer.from(note.raw.toString().replace('4000', '400')), note.headers, [new Webhook(SECRET)], 'test')).toEqual({ ok: false, reason: 'bad_signature' });
    const live = signed(body('won', 'fraudulent', true));
    expect(parseSandboxProcessorNotification(live.raw, live.headers, [new Webhook(SECRET)], 'test')).toEqual({ ok: false, reason: 'malformed' });
  });
});
