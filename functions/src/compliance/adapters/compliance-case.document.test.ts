import { ComplianceCase, openCase } from '../domain/compliance-case';
import { ComplianceCaseDocument } from './compliance-case.document';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { asStored, refusalOf } from '../../platform/adapters/testing/stored-document.expectations';

const T0 = Date.UTC(2025, 0, 15);
const opened = openCase(
  { id: 'case_1', kind: 'aml_alert', priority: 'high', subject: 'customers/c1', merchantId: 'acct_1', livemode: false, summary: 'Daily total over the threshold', details: { rule: 'ctr', facts: { total: 1_000_000 } } },
  T0,
);
const read = (data: unknown) => parseStoredDocument(ComplianceCaseDocument, 'cases', 'case_1', data);

describe('ComplianceCaseDocument', () => {
  it('given an open case as the store writes it, when read back, then it equals the case', () => {
    expect(read(asStored(opened))).toEqual(opened);
  });

  it('given a resolved case with notes, when read back, then notes and resolution survive', () => {
    const resolved: ComplianceCase = {
      ...opened,
      status: 'resolved',
      assignee: 'staff:ana',
      notes: [{ atMs: T0 + 1, author: 'staff:ana', text: 'Called the merchant' }],
      resolution: { outcome: 'reported', reason: 'Filed', by: 'staff:ana', atMs: T0 + 2 },
    };

    expect(read(asStored(resolved))).toEqual(resolved);
  });

  it('given a case without its status, when read back, then it is refused naming the field', () => {
    const { status: _status, ...withoutStatus } = asStored(opened);

    expect(refusalOf(() => read(withoutStatus)).issues).toEqual(['status: invalid_value']);
  });

  it('given a note whose time is text, when read back, then the path is named and the text is not', () => {
    const error = refusalOf(() => read({ ...asStored(opened), notes: [{ atMs: 'Ana Lopez called', author: 'staff:ana', text: 'x' }] }));

    expect(error.message).toContain('cases/case_1');
    expect(error.message).toContain('notes.0.atMs');
    expect(error.message).not.toContain('Ana Lopez');
  });
});
