import { randomBytes } from 'node:crypto';
import type { CardDetails, DeclineCode, TestCard } from './test-card-tokens';

export interface Authorization {
  id: string;
  object: 'authorization';
  status: 'approved' | 'declined';
  decline_code: DeclineCode | null;
  amount: number;
  currency: string;
  amount_captured: number;
  amount_refunded: number;
  voided: boolean;
  reference: string | null;
  /** The capture made on this authorisation, if any: lets a client resolve a capture whose answer it lost. */
  capture: string | null;
  card: CardDetails;
  /** Which side of the processor made it; the client refuses an answer from the other mode. */
  livemode: boolean;
  created_ms: number;
}

export interface Capture {
  id: string;
  object: 'capture';
  authorization: string;
  amount: number;
  currency: string;
  status: 'succeeded';
  livemode: boolean;
  created_ms: number;
}

export interface Refund {
  id: string;
  object: 'refund';
  capture: string;
  /** The merchant's id of the refund, when it sent one. */
  reference: string | null;
  amount: number;
  currency: string;
  status: 'succeeded';
  livemode: boolean;
  created_ms: number;
}

export interface Movement {
  id: string;
  type: 'authorization' | 'capture' | 'void' | 'refund';
  amount: number;
  currency: string;
  authorization: string;
  idempotency_key: string;
  created_ms: number;
}

/** An expected refusal: HTTP status plus a stable code the adapter can branch on. */
export interface Refusal {
  ok: false;
  status: number;
  code: string;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | Refusal;

/** A capture or refund as the settlement report needs it. */
export interface SettledItem {
  type: 'capture' | 'refund';
  processorReference: string;
  merchantReference: string;
  currency: string;
  amount: number;
  createdMs: number;
  /** The card token of the payment, so per-token report scenarios can apply. */
  token: string;
}

interface AuthorizationRecord {
  view: Authorization;
  token: string;
  captureId: string | null;
}

const refuse = (status: number, code: string, message: string): Refusal => ({ ok: false, status, code, message });

const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * In-memory money state of the sandbox processor. Every state change that moves money
 * appends exactly one movement, so replays (which never reach this class) cannot show up twice.
 */
export class ProcessorLedger {
  private readonly authorizations = new Map<string, AuthorizationRecord>();
  private readonly captures = new Map<string, Capture>();
  private readonly refunds = new Map<string, Refund>();
  private readonly movementLog: Movement[] = [];
  // Idempotency key -> the object it created, so a client that lost an answer can look its attempt up.
  private readonly authorizationByKey = new Map<string, string>();
  private readonly refundByKey = new Map<string, string>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly livemode = false,
  ) {}

  authorize(
    input: { amount: number; currency: string; reference?: string },
    testCard: TestCard,
    idempotencyKey: string,
  ): Authorization {
    const declineCode = testCard.behaviour.kind === 'decline' ? testCard.behaviour.declineCode : null;
    const view: Authorization = {
      id: newId('auth'),
      object: 'authorization',
      status: declineCode === null ? 'approved' : 'declined',
      decline_code: declineCode,
      amount: input.amount,
      currency: input.currency,
      amount_captured: 0,
      amount_refunded: 0,
      voided: false,
      reference: input.reference ?? null,
      capture: null,
      card: { ...testCard.card },
      livemode: this.livemode,
      created_ms: this.now(),
    };
    this.authorizations.set(view.id, { view, token: testCard.token, captureId: null });
    this.authorizationByKey.set(idempotencyKey, view.id);
    // A decline reserves no funds, so it is not a money movement.
    if (view.status === 'approved') this.record('authorization', view.amount, view, idempotencyKey);
    return this.copy(view);
  }

  capture(authorizationId: string, amount: number, idempotencyKey: string): Outcome<Capture> {
    const record = this.authorizations.get(authorizationId);
    if (record === undefined) return refuse(404, 'resource_not_found', `No authorization ${authorizationId}`);
    const auth = record.view;
    if (auth.status !== 'approved' || auth.voided || record.captureId !== null) {
      return refuse(409, 'invalid_state', 'Authorization is declined, voided or already captured');
    }
    if (amount > auth.amount) {
      return refuse(400, 'amount_too_large', `Capture ${amount} exceeds authorised ${auth.amount}`);
    }
    const capture: Capture = {
      id: newId('cap'),
      object: 'capture',
      authorization: auth.id,
      amount,
      currency: auth.currency,
      status: 'succeeded',
      livemode: this.livemode,
      created_ms: this.now(),
    };
    this.captures.set(capture.id, capture);
    // One capture per authorisation: whatever is not captured now is released for good.
    record.captureId = capture.id;
    auth.capture = capture.id;
    auth.amount_captured = amount;
    this.record('capture', amount, auth, idempotencyKey);
    return { ok: true, value: { ...capture } };
  }

  void(authorizationId: string, idempotencyKey: string): Outcome<Authorization> {
    const record = this.authorizations.get(authorizationId);
    if (record === undefined) return refuse(404, 'resource_not_found', `No authorization ${authorizationId}`);
    const auth = record.view;
    if (auth.status !== 'approved' || auth.voided || record.captureId !== null) {
      return refuse(409, 'invalid_state', 'Only an approved, uncaptured, unvoided authorization can be voided');
    }
    auth.voided = true;
    this.record('void', auth.amount, auth, idempotencyKey);
    return { ok: true, value: this.copy(auth) };
  }

  refund(captureId: string, amount: number, idempotencyKey: string, reference?: string): Outcome<Refund> {
    const capture = this.captures.get(captureId);
    if (capture === undefined) return refuse(404, 'resource_not_found', `No capture ${captureId}`);
    const auth = this.authorizations.get(capture.authorization)!.view;
    if (auth.amount_refunded + amount > capture.amount) {
      return refuse(
        409,
        'refund_exceeds_capture',
        `Refunding ${amount} would exceed the ${capture.amount - auth.amount_refunded} still refundable`,
      );
    }
    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      capture: capture.id,
      reference: reference ?? null,
      amount,
      currency: capture.currency,
      status: 'succeeded',
      livemode: this.livemode,
      created_ms: this.now(),
    };
    this.refunds.set(refund.id, refund);
    this.refundByKey.set(idempotencyKey, refund.id);
    auth.amount_refunded += amount;
    this.record('refund', amount, auth, idempotencyKey);
    return { ok: true, value: { ...refund } };
  }

  getAuthorization(id: string): Authorization | undefined {
    const record = this.authorizations.get(id);
    return record === undefined ? undefined : this.copy(record.view);
  }

  /** The authorisation an Idempotency-Key created (approved or declined), if that request took effect. */
  authorizationByIdempotencyKey(key: string): Authorization | undefined {
    const id = this.authorizationByKey.get(key);
    return id === undefined ? undefined : this.getAuthorization(id);
  }

  refundByIdempotencyKey(key: string): Refund | undefined {
    const id = this.refundByKey.get(key);
    const refund = id === undefined ? undefined : this.refunds.get(id);
    return refund === undefined ? undefined : { ...refund };
  }

  /** Token the authorization was made with, so per-token scenarios can follow captures and refunds. */
  tokenOfAuthorization(id: string): string | undefined {
    return this.authorizations.get(id)?.token;
  }

  tokenOfCapture(id: string): string | undefined {
    const capture = this.captures.get(id);
    return capture === undefined ? undefined : this.tokenOfAuthorization(capture.authorization);
  }

  /**
   * The captures and refunds made in [startMs, endMs), with the merchant's reference (the authorisation's
   * for a capture, the refund's own for a refund) and the token, for the daily settlement report.
   */
  settledBetween(startMs: number, endMs: number): SettledItem[] {
    const items: SettledItem[] = [];
    for (const capture of this.captures.values()) {
      if (capture.created_ms < startMs || capture.created_ms >= endMs) continue;
      const record = this.authorizations.get(capture.authorization)!;
      items.push({ type: 'capture', processorReference: capture.id, merchantReference: record.view.reference ?? record.view.id, currency: capture.currency, amount: capture.amount, createdMs: capture.created_ms, token: record.token });
    }
    for (const refund of this.refunds.values()) {
      if (refund.created_ms < startMs || refund.created_ms >= endMs) continue;
      const capture = this.captures.get(refund.capture)!;
      const token = this.authorizations.get(capture.authorization)!.token;
      items.push({ type: 'refund', processorReference: refund.id, merchantReference: refund.reference ?? refund.id, currency: refund.currency, amount: refund.amount, createdMs: refund.created_ms, token });
    }
    return items;
  }

  movements(): Movement[] {
    return this.movementLog.map((movement) => ({ ...movement }));
  }

  reset(): void {
    this.authorizations.clear();
    this.captures.clear();
    this.refunds.clear();
    this.authorizationByKey.clear();
    this.refundByKey.clear();
    this.movementLog.length = 0;
  }

  private copy(auth: Authorization): Authorization {
    return { ...auth, card: { ...auth.card } };
  }

  private record(type: Movement['type'], amount: number, auth: Authorization, idempotencyKey: string): void {
    this.movementLog.push({
      id: newId('mv'),
      type,
      amount,
      currency: auth.currency,
      authorization: auth.id,
      idempotency_key: idempotencyKey,
      created_ms: this.now(),
    });
  }
}
