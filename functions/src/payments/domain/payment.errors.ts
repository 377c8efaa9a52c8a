// Expected refusals, with the stable codes merchants see.
export type PaymentDecisionError =
  | { readonly code: 'payment_unexpected_state'; readonly message: string }
  | { readonly code: 'amount_too_large'; readonly message: string; readonly param: string }
  | { readonly code: 'charge_already_refunded'; readonly message: string }
  | { readonly code: 'charge_disputed'; readonly message: string };

export const unexpectedState = (action: string, status: string): PaymentDecisionError => ({
  code: 'payment_unexpected_state',
  message: `This payment cannot be ${action} because it has a status of ${status}.`,
});
