import { emptyDay, observePayment } from '../domain/customer-activity';
import { CustomerDayDocument } from './customer-day.document';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { asStored, refusalOf } from '../../platform/adapters/testing/stored-document.expectations';

const AT = Date.UTC(2025, 0, 15, 10);
const day = observePayment(emptyDay('c1', '2025-01-15'), null, { paymentId: 'pay_1', amountUsdCents: 900_000, atMs: AT }).day;
const read = (data: unknown) => parseStoredDocument(CustomerDayDocument, 'aml_customer_days', 'c1_2025-01-15', data);

describe('CustomerDayDocument', () => {
  it('given a day with a near-threshold payment, when read back, then it equals the day', () => {
    expect(read(asStored(day))).toEqual(day);
  });

  it('given a day without its payment count, when read back, then it is refused naming the field', () => {
    const { paymentCount: _count, ...withoutCount } = asStored(day);

    expect(refusalOf(() => read(withoutCount)).issues).toEqual(['paymentCount: invalid_type (expected number)']);
  });

  it('given a total in fractional cents, when read back, then it is refused without quoting the amount', () => {
    const error = refusalOf(() => read({ ...asStored(day), totalUsdCents: 9000.55 }));

    expect(error.message).toContain('totalUsdCents');
    expect(error.message).not.toContain('9000.55');
  });
});
