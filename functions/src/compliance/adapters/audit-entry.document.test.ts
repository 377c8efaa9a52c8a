import { auditEntry, SYSTEM_ACTORS } from '../domain/audit-entry';
import { AuditEntryDocument } from './audit-entry.document';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { asStored, refusalOf } from '../../platform/adapters/testing/stored-document.expectations';

const entry = auditEntry({ actor: SYSTEM_ACTORS.amlMonitor, action: 'aml.alert_raised', subject: 'customers/c1', reason: 'Structuring', details: { rule: 'structuring', refundId: null } }, Date.UTC(2025, 0, 15));
const read = (data: unknown) => parseStoredDocument(AuditEntryDocument, 'audit_log', entry.id, data);

describe('AuditEntryDocument', () => {
  it('given an entry as appended, when read back, then it equals the entry, nulls in details included', () => {
    expect(read(asStored(entry))).toEqual(entry);
  });

  it('given an entry without its actor, when read back, then it is refused naming the field', () => {
    const { actor: _actor, ...withoutActor } = asStored(entry);

    expect(refusalOf(() => read(withoutActor)).issues).toEqual(['actor: invalid_type (expected string)']);
  });

  it('given an action the domain does not know, when read back, then it is refused without quoting it', () => {
    const error = refusalOf(() => read({ ...asStored(entry), action: 'customer.ana_lopez_exported' }));

    expect(error.message).toContain(`audit_log/${entry.id}`);
    expect(error.issues).toEqual(['action: invalid_value']);
    expect(error.message).not.toContain('ana_lopez');
  });
});
