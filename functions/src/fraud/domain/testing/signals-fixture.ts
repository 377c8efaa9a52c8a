import { emptyHistory, type FraudHistory, type FraudSignals, type PaymentUnderAssessment } from '../fraud-signals';

/** A plain domestic payment from a new customer with no history; tests override what they need. */
export function signalsFixture(overrides: { payment?: Partial<PaymentUnderAssessment>; history?: Partial<FraudHistory>; amountUsdMinor?: number } = {}): FraudSignals {
  const payment: PaymentUnderAssessment = {
    paymentId: 'pay_1',
    livemode: false,
    merchantId: 'm_1',
    merchantCountry: 'US',
    amountMinor: 5_000,
    currency: 'USD',
    card: { fingerprint: 'fp_1', country: 'US', brand: 'visa' },
    customer: { id: 'cus_1', email: 'ann@gmail.com', country: 'US', ip: '198.51.100.1', ip_country: 'US', device_id: 'dev_1' },
    ...overrides.payment,
  };
  return { payment, amountUsdMinor: overrides.amountUsdMinor ?? payment.amountMinor, history: { ...emptyHistory(), ...overrides.history } };
}
