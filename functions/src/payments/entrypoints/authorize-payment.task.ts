import { PaymentTaskV1 } from '../../contracts/payment-tasks.v1';
import { taskFunction } from '../../platform/http/task-handler';
import type { PaymentsModule } from '../payments.module';
import { authorizePayment } from '../application/authorize-payment.command';

export const authorizePaymentTask = (deps: () => PaymentsModule) => taskFunction('authorize-payment', PaymentTaskV1, deps, (task, d, delivery) => authorizePayment(d, task.payment_id, { firstDelivery: delivery.retryCount === 0 }));
