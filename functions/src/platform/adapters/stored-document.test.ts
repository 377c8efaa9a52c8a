import { z } from 'zod';
import { InvalidStoredDocumentError, parseStoredDocument } from './stored-document';
import { refusalOf } from './testing/stored-document.expectations';

const Person = z.object({ name: z.string(), age: z.number().int(), tags: z.array(z.object({ label: z.string() })) });

describe('parseStoredDocument', () => {
  it('given a document matching its schema, when parsed, then returns the typed data', () => {
    expect(parseStoredDocument(Person, 'people', 'p_1', { name: 'Ana', age: 40, tags: [] })).toEqual({ name: 'Ana', age: 40, tags: [] });
  });

  it('given a document that breaks its schema, when parsed, then the error names collection, id and every issue path', () => {
    const error = refusalOf(() => parseStoredDocument(Person, 'people', 'p_1', { age: 'forty', tags: [{ label: 7 }] }));

    expect(error).toBeInstanceOf(InvalidStoredDocumentError);
    expect(error).toMatchObject({ code: 'invalid_stored_document', collection: 'people', documentId: 'p_1' });
    expect(error.issues).toEqual(['name: invalid_type (expected string)', 'age: invalid_type (expected number)', 'tags.0.label: invalid_type (expected string)']);
    expect(error.message).toContain('people/p_1');
  });

  it('given wrong values holding personal data, when refused, then the message carries none of them', () => {
    const error = refusalOf(() => parseStoredDocument(Person, 'people', 'p_1', { name: ['Ana Lopez'], age: 'born 1984-02-03', tags: 'ana@example.com' }));

    expect(error.message).not.toMatch(/Ana|1984|example\.com/);
    expect(JSON.stringify(error)).not.toMatch(/Ana|1984|example\.com/);
  });

  it('given something that is not an object at all, when parsed, then the issue is on the whole document', () => {
    expect(refusalOf(() => parseStoredDocument(Person, 'people', 'p_1', undefined)).issues).toEqual(['(document): invalid_type (expected object)']);
  });
});
