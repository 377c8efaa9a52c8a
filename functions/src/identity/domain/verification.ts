// A KYC (individual) or KYB (business and its beneficial owners) verification and the rule that
// turns screening and vendor results into its status.

export type VerificationStatus = 'pending' | 'verified' | 'rejected' | 'requires_review';
export type SubjectKind = 'business' | 'person';
export type ScreeningOutcome = 'clear' | 'weak_hit' | 'strong_hit';
export type VendorOutcome = 'approved' | 'rejected' | 'review';

/** Encrypted with the record's data key; never stored or logged in clear. */
export interface SealedField {
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

export interface SealedEnvelope {
  readonly kekId: string;
  readonly wrappedKey: string;
  readonly fields: Readonly<Record<string, SealedField>>;
}

export interface VerificationSubject {
  /** 'business' or 'owner_<n>': stable within the verification, used in vendor references. */
  readonly ref: string;
  readonly kind: SubjectKind;
  readonly name: string;
  readonly country: string;
  readonly registrationNumber?: string;
  readonly screening?: { readonly outcome: ScreeningOutcome; readonly listVersion: string; readonly topMatch?: { entityId: string; matchedName: string; score: number } };
  readonly vendor?: { readonly checkId?: string; readonly outcome?: VendorOutcome; readonly reasons?: readonly string[] };
}

export interface Verification {
  readonly id: string;
  readonly type: 'kyb' | 'kyc';
  /** merchant id (KYB) or Firebase uid (KYC). */
  readonly ownerId: string;
  /**
   * Which identity vendor checks it: a test-mode KYB goes to the vendor's sandbox, a live KYB and an
   * end user's KYC (a real person) to the live vendor. Absent on documents written before modes
   * existed: such a verification is sent to neither.
   */
  readonly livemode?: boolean;
  readonly status: VerificationStatus;
  readonly subjects: readonly VerificationSubject[];
  /** dob, address and document tokens of every subject, keyed `<ref>.<field>`. */
  readonly personalData: SealedEnvelope;
  readonly reasons: readonly string[];
  readonly createdMs: number;
  readonly updatedMs: number;
}

/**
 * The decision, from everything known so far. A strong sanctions hit or a vendor rejection decides
 * at once; otherwise the verification waits for every vendor answer, and any weak hit or vendor
 * review request sends it to a person.
 */
export function decideVerification(subjects: readonly VerificationSubject[]): { status: VerificationStatus; reasons: string[] } {
  const reasons: string[] = [];
  for (const s of subjects) {
    if (s.screening?.outcome === 'strong_hit') reasons.push(`${s.ref}: sanctions_match`);
    if (s.vendor?.outcome === 'rejected') reasons.push(`${s.ref}: identity_rejected${s.vendor.reasons?.length ? ` (${s.vendor.reasons.join(', ')})` : ''}`);
  }
  if (reasons.length > 0) return { status: 'rejected', reasons };
  if (subjects.some((s) => !s.screening || !s.vendor?.outcome)) return { status: 'pending', reasons: [] };
  for (const s of subjects) {
    if (s.screening?.outcome === 'weak_hit') reasons.push(`${s.ref}: possible_sanctions_match`);
    if (s.vendor?.outcome === 'review') reasons.push(`${s.ref}: identity_needs_review`);
  }
  return reasons.length > 0 ? { status: 'requires_review', reasons } : { status: 'verified', reasons: [] };
}

export const isFinal = (status: VerificationStatus): boolean => status !== 'pending';

/** Applies a vendor answer for one subject; answers after the decision or for unknown subjects change nothing. */
export function applyVendorOutcome(v: Verification, ref: string, outcome: VendorOutcome, reasons: readonly string[], nowMs: number): Verification {
  if (isFinal(v.status) || !v.subjects.some((s) => s.ref === ref)) return v;
  const subjects = v.subjects.map((s) => (s.ref === ref ? { ...s, vendor: { ...s.vendor, outcome, reasons: [...reasons] } } : s));
  const decision = decideVerification(subjects);
  return { ...v, subjects, status: decision.status, reasons: decision.reasons, updatedMs: nowMs };
}

/** Records screening results (and vendor check ids) after the check task ran. */
export function applyScreening(v: Verification, results: ReadonlyMap<string, Pick<VerificationSubject, 'screening' | 'vendor'>>, nowMs: number): Verification {
  if (isFinal(v.status)) return v;
  const subjects = v.subjects.map((s) => {
    const r = results.get(s.ref);
    return r ? { ...s, screening: r.screening ?? s.screening, vendor: r.vendor ? { ...s.vendor, ...r.vendor } : s.vendor } : s;
  });
  const decision = decideVerification(subjects);
  return { ...v, subjects, status: decision.status, reasons: decision.reasons, updatedMs: nowMs };
}

/** The vendor reference names the verification and the subject, so a webhook finds both. */
export const vendorReference = (verificationId: string, ref: string): string => `${verificationId}:${ref}`;

export function parseVendorReference(reference: string): { verificationId: string; ref: string } | null {
  const match = /^((?:kyb|kyc)_[A-Za-z0-9]+):(business|owner_\d+|person)$/.exec(reference);
  return match ? { verificationId: match[1], ref: match[2] } : null;
}
