import { randomBytes } from 'node:crypto';
import type { DisputeScenario } from '../sandbox-processor/test-card-tokens';

// The cardholder side of a sandbox processor: disputes opened on captured payments of the dispute test
// tokens, answered by the merchant (evidence, or acceptance) and decided by the "issuer": a chargeback is
// won when any evidence text contains `winning_evidence`, else lost; an inquiry just closes. Both sandbox
// processors use it and speak of it in their own vocabularies.

export type SandboxDisputeStatus = 'needs_response' | 'warning_needs_response' | 'under_review' | 'warning_under_review' | 'won' | 'lost' | 'warning_closed';

export interface SandboxDispute {
  id: string;
  /** The processor's own payment (authorisation) id. */
  paymentRef: string;
  captureRef: string;
  /** The platform's payment id. */
  merchantReference: string;
  amount: number;
  currency: string;
  kind: DisputeScenario['kind'];
  reason: DisputeScenario['reason'];
  status: SandboxDisputeStatus;
  evidence: Record<string, string> | null;
  /** Set when the merchant accepted rather than answered. */
  accepted: boolean;
  evidenceDueByMs: number;
  createdMs: number;
}

export type DeskRefusal = { refused: 'not_found' | 'not_open' };

export const WINNING_EVIDENCE = 'winning_evidence';
const RESPONSE_WINDOW_MS = 7 * 86_400_000;

export interface DisputeDeskOptions {
  now: () => number;
  /** `dp_` (lower-case hex follows) or `DP` (upper-case hex follows). */
  idPrefix: string;
  outcomeDelayMs: number;
  later: (run: () => void, ms: number) => void;
  onChange: (dispute: SandboxDispute) => void;
}

export class DisputeDesk {
  private readonly disputes = new Map<string, SandboxDispute>();

  constructor(private readonly opts: DisputeDeskOptions) {}

  open(input: { paymentRef: string; captureRef: string; merchantReference: string; amount: number; currency: string; scenario: DisputeScenario }): SandboxDispute {
    const hex = randomBytes(8).toString('hex');
    const now = this.opts.now();
    const dispute: SandboxDispute = {
      id: `${this.opts.idPrefix}${this.opts.idPrefix === this.opts.idPrefix.toUpperCase() ? hex.toUpperCase() : hex}`,
      paymentRef: input.paymentRef,
      captureRef: input.captureRef,
      merchantReference: input.merchantReference,
      amount: input.amount,
      currency: input.currency,
      kind: input.scenario.kind,
      reason: input.scenario.reason,
      status: input.scenario.kind === 'chargeback' ? 'needs_response' : 'warning_needs_response',
      evidence: null,
      accepted: false,
      evidenceDueByMs: now + RESPONSE_WINDOW_MS,
      createdMs: now,
    };
    this.disputes.set(dispute.id, dispute);
    this.opts.onChange({ ...dispute });
    return { ...dispute };
  }

  /** The merchant's evidence: under review now, decided after the outcome delay. */
  defend(id: string, evidence: Record<string, string>): SandboxDispute | DeskRefusal {
    const dispute = this.openOne(id);
    if ('refused' in dispute) return dispute;
    dispute.evidence = { ...evidence };
    dispute.status = dispute.kind === 'chargeback' ? 'under_review' : 'warning_under_review';
    this.opts.onChange({ ...dispute });
    this.opts.later(() => {
      const wins = Object.values(evidence).some((text) => text.toLowerCase().includes(WINNING_EVIDENCE));
      dispute.status = dispute.kind === 'inquiry' ? 'warning_closed' : wins ? 'won' : 'lost';
      this.opts.onChange({ ...dispute });
    }, this.opts.outcomeDelayMs);
    return { ...dispute };
  }

  /** The merchant gives up: a chargeback is lost, an inquiry closed. */
  accept(id: string): SandboxDispute | DeskRefusal {
    const dispute = this.openOne(id);
    if ('refused' in dispute) return dispute;
    dispute.accepted = true;
    dispute.status = dispute.kind === 'chargeback' ? 'lost' : 'warning_closed';
    this.opts.onChange({ ...dispute });
    return { ...dispute };
  }

  get(id: string): SandboxDispute | undefined {
    const dispute = this.disputes.get(id);
    return dispute ? { ...dispute } : undefined;
  }

  all(): SandboxDispute[] {
    return [...this.disputes.values()].map((d) => ({ ...d }));
  }

  private openOne(id: string): SandboxDispute | DeskRefusal {
    const dispute = this.disputes.get(id);
    if (!dispute) return { refused: 'not_found' };
    if (dispute.status !== 'needs_response' && dispute.status !== 'warning_needs_response') return { refused: 'not_open' };
    return dispute;
  }
}

export const isDeskRefusal = (value: SandboxDispute | DeskRefusal): value is DeskRefusal => 'refused' in value;
