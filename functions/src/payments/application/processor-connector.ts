import type { ProcessorName } from '../domain/payment';
import type { DisputeReason, DisputeStatus } from '../domain/dispute';
import type { AuthorizeResult, DisputeResponse, DisputeResponseOutcome, PaymentLookup } from './processor.gateway';

export type { DisputeResponse, DisputeResponseOutcome, ModificationState, PaymentLookup } from './processor.gateway';

// Port: one processor behind a connector (issue 12, processor orchestration). Each connector maps its
// processor's vocabulary (status words, amount format, error codes, notification shape) to these types
// in one place; nothing past the connector sees a processor's own codes.
//
// Outcomes are values. Two errors remain, and the difference decides whether another processor may be
// tried: ConnectorNotReachedError (the request certainly never reached the processor: connection
// refused, breaker open) allows failover; ConnectorOutcomeUnknownError (it may have acted: a timeout
// after sending, a reset, an answer we cannot read, and a look-up that did not settle it) does not,
// until a look-up by our reference finds out.

export type ConnectorName = ProcessorName;

/** A capture, void or refund: done now, accepted and confirmed later by the processor's notification, or refused. */
export type ModificationOutcome =
  | { readonly status: 'succeeded'; readonly processorReference: string }
  | { readonly status: 'pending'; readonly processorReference: string }
  | { readonly status: 'refused'; readonly code: string; readonly message: string };

/** A processor's asynchronous notification, in the domain's words. */
export type ProcessorNotification = ModificationNotification | DisputeNotification;

/** A capture, void or refund the processor accepted earlier is done (or failed). */
export interface ModificationNotification {
  /** The processor's id for the notification: the deduplication key. */
  readonly id: string;
  readonly kind: 'capture' | 'void' | 'refund';
  readonly succeeded: boolean;
  readonly processorReference: string;
  readonly paymentProcessorReference: string;
  /** Our reference: the payment id (capture, void) or the refund id. */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
  readonly livemode: boolean;
}

/** A dispute opened, moved or closed at the processor: its state now, whatever came before. */
export interface DisputeNotification {
  readonly id: string;
  readonly kind: 'dispute';
  readonly processorDisputeId: string;
  readonly paymentProcessorReference: string;
  /** Our payment id. */
  readonly reference: string;
  readonly amount: number;
  readonly currency: string;
  readonly livemode: boolean;
  readonly reason: DisputeReason;
  readonly status: DisputeStatus;
  readonly evidenceDueByMs: number;
}

export type NotificationParse =
  | { readonly ok: true; readonly notifications: readonly ProcessorNotification[] }
  | { readonly ok: false; readonly reason: 'bad_signature' | 'malformed' };

export interface ProcessorConnector {
  readonly name: ConnectorName;
  authorize(request: { livemode: boolean; idempotencyKey: string; token: string; amount: number; currency: string; reference: string }): Promise<AuthorizeResult>;
  capture(request: { livemode: boolean; idempotencyKey: string; authorizationId: string; amount: number; currency: string; reference: string }): Promise<ModificationOutcome>;
  void(request: { livemode: boolean; idempotencyKey: string; authorizationId: string; reference: string }): Promise<ModificationOutcome>;
  /** captureId: the processor's capture (some refund the capture, others the payment by its authorisation). */
  refund(request: { livemode: boolean; idempotencyKey: string; authorizationId: string; captureId: string; amount: number; currency: string; reference: string }): Promise<ModificationOutcome>;
  /** Everything the processor did under our payment (or refund) reference: how an unknown outcome is resolved. */
  lookup(request: { livemode: boolean; reference: string }): Promise<PaymentLookup>;
  /** Forwards evidence or an acceptance, under an idempotency key; throws the two errors below like the other calls. */
  respondToDispute(request: { livemode: boolean; idempotencyKey: string; processorDisputeId: string; reference: string; response: DisputeResponse }): Promise<DisputeResponseOutcome>;
  /** Verifies a notification's signature over the raw bytes and maps it; never throws. */
  parseNotification(rawBody: Buffer, headers: Readonly<Record<string, string | undefined>>): NotificationParse;
}

/** The request never reached the processor: another processor may be tried. */
export class ConnectorNotReachedError extends Error {
  override readonly name = 'ConnectorNotReachedError';
}

/** The processor may have acted: retry under the same key, or look up by reference; never try elsewhere. */
export class ConnectorOutcomeUnknownError extends Error {
  override readonly name = 'ConnectorOutcomeUnknownError';
}
