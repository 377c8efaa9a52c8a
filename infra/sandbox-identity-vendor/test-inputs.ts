// Test inputs, matched anywhere in the subject's name, document token or registration number:
// doc_reject → rejected, doc_review → review, doc_timeout → first request hangs, doc_error → 5xx
// for a while; anything else is approved.
export type Scenario = 'approve' | 'reject' | 'review' | 'timeout' | 'error';

const MARKERS: ReadonlyArray<[string, Scenario]> = [
  ['doc_reject', 'reject'],
  ['doc_review', 'review'],
  ['doc_timeout', 'timeout'],
  ['doc_error', 'error'],
];

export function scenarioOf(subject: Record<string, unknown>): Scenario {
  const text = ['name', 'id_document_token', 'registration_number'].map((field) => String(subject[field] ?? '')).join(' ').toLowerCase();
  return MARKERS.find(([marker]) => text.includes(marker))?.[1] ?? 'approve';
}

/** What the vendor finally answers for a scenario (timeouts and errors approve once they get through). */
export function resultOf(scenario: Scenario): { result: 'approved' | 'rejected' | 'review'; reasons: string[] } {
  if (scenario === 'reject') return { result: 'rejected', reasons: ['document_invalid'] };
  if (scenario === 'review') return { result: 'review', reasons: ['document_unclear'] };
  return { result: 'approved', reasons: [] };
}
