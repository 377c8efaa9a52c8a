import { deps } from '../../composition-root';
import { eventFunction } from '../../platform/http/event-handler';
import { advancePayment } from '../application/advance-payment.command';

export const advancePaymentEvent = eventFunction('advance-payment', deps, (event, d) => advancePayment(d, event));
