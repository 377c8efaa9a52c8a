import { CaptureRecordDocument, RefundRecordDocument } from './aml-records.document';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { asStored, refusalOf } from '../../platform/adapters/testing/stored-document.expectations';

const capture = { paymentId: 'pay_1', customerKey: 'c1', capturedMs: 1_736_935_200_000, eventId: 'evt_1' };
const refund = { refundId: 're_1', paymentId: 'pay_1', customerKey: 'c1', refundedMs: 1_736_935_260_000, eventId: 'evt_2' };

describe('CaptureRecordDocument', () => {
  const read = (data: unknown) => parseStoredDocument(CaptureRecordDocument, 'aml_captures', 'pay_1', data);

  it('given a capture record, when read back, then it equals the record', () => {
    expect(read(asStored(capture))).toEqual(capture);
  });

  it('given an older record without an event id, when read back, then it is accepted without one', () => {
    const { eventId: _eventId, ...older } = capture;

    expect(read(older)).toEqual(older);
  });

  it('given a capture time stored as text, when read back, then it is refused naming the field', () => {
    expect(refusalOf(() => read({ ...capture, capturedMs: '2025-01-15' })).issues).toEqual(['capturedMs: invalid_type (expected number)']);
  });
});

describe('RefundRecordDocument', () => {
  const read = (data: unknown) => parseStoredDocument(RefundRecordDocument, 'aml_refunds', 're_1', data);

  it('given a refund record, when read back, then it equals the record', () => {
    expect(read(asStored(refund))).toEqual(refund);
  });

  it('given a record without its event id, when read back, then it is refused naming collection, id and field', () => {
    const { eventId: _eventId, ...withoutEvent } = refund;
    const error = refusalOf(() => read(withoutEvent));

    expect(error.message).toContain('aml_refunds/re_1');
    expect(error.issues).toEqual(['eventId: invalid_type (expected string)']);
  });
});
