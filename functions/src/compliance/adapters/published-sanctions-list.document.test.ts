import { PublishedSanctionsListDocument } from './published-sanctions-list.document';
import { parseStoredDocument } from '../../platform/adapters/stored-document';
import { refusalOf } from '../../platform/adapters/testing/stored-document.expectations';

const published = { version: 'OFAC-SDN:0123456789abcdef:2', entries: 2, loadedAt: '2025-01-15T00:00:00.000Z', source: '/data/ofac' };
const read = (data: unknown) => parseStoredDocument(PublishedSanctionsListDocument, 'sanctions_lists', 'current', data);

describe('PublishedSanctionsListDocument', () => {
  it('given the published version, when read back, then it equals what was published', () => {
    expect(read({ ...published })).toEqual(published);
  });

  it('given a document without its version, when read back, then it is refused naming the field', () => {
    const { version: _version, ...withoutVersion } = published;

    expect(refusalOf(() => read(withoutVersion)).issues).toEqual(['version: invalid_type (expected string)']);
  });

  it('given an entry count stored as text, when read back, then it is refused naming document and field', () => {
    const error = refusalOf(() => read({ ...published, entries: 'two thousand' }));

    expect(error.message).toContain('sanctions_lists/current');
    expect(error.message).toContain('entries');
    expect(error.message).not.toContain('two thousand');
  });
});
