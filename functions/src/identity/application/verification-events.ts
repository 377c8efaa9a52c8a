import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import type { Verification } from '../domain/verification';
import { presentVerification } from './verification.presenter';

/**
 * The merchant's KYB verification changed status: `account.verification_updated`, committed with the change
 * (the outbox) and carrying the verification as GET /v1/account/verification shows it (names and countries,
 * no personal data the API does not show). An end user's KYC is not the merchant's account: no event. The id
 * derives from the verification and its new status, so a transaction run twice stages the same event.
 */
export function verificationEvents(before: Verification, after: Verification): PaymentEventV1[] {
  if (after.type !== 'kyb' || after.livemode === undefined || before.status === after.status) return [];
  return [
    {
      id: `evt_${after.id}_${after.status}`,
      type: 'account.verification_updated',
      time: new Date(after.updatedMs).toISOString(),
      subject: after.id,
      data: {
        payment_id: after.id,
        merchant_id: after.ownerId,
        livemode: after.livemode,
        object: presentVerification(after),
        previous_attributes: { status: before.status },
      },
    },
  ];
}
