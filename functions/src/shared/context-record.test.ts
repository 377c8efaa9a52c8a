import { z } from 'zod';
import { contextRecord, InvalidContextRecordError, recordKind, validateRecord } from './context-record';

const NOTE = recordKind({ name: 'note', collection: 'notes', schema: z.object({ text: z.string().min(1), atMs: z.number().int() }), write: 'create' });

describe('context records', () => {
  it('given a record matching its kind, when validated, then it names its collection, id and write, with unknown fields dropped', () => {
    const valid = validateRecord(contextRecord(NOTE, 'note_1', { text: 'hello', atMs: 1, extra: 'dropped' } as { text: string; atMs: number }));
    expect(valid).toEqual({ kind: 'note', collection: 'notes', id: 'note_1', data: { text: 'hello', atMs: 1 }, write: 'create' });
  });

  it('given data that does not match the schema, when validated, then it is refused naming the fields, never their values', () => {
    const refusal = (data: { text: string; atMs: number }): InvalidContextRecordError | null => {
      try {
        validateRecord(contextRecord(NOTE, 'note_1', data));
        return null;
      } catch (error) {
        return error as InvalidContextRecordError;
      }
    };
    expect(refusal({ text: '', atMs: 1.5 })?.issues).toEqual(['text: too_small', 'atMs: invalid_type']);
    const error = refusal({ text: 'secret person name', atMs: 'x' as unknown as number });
    expect(error).toBeInstanceOf(InvalidContextRecordError);
    expect(error?.issues).toEqual(['atMs: invalid_type']);
    expect(error?.message).not.toContain('secret person name');
  });

  it.each([
    ['empty', ''],
    ['with a slash', 'a/b'],
    ['a dot', '.'],
    ['two dots', '..'],
    ['reserved', '__reserved__'],
    ['over 1,500 bytes', 'x'.repeat(1501)],
  ])('given an id that cannot name a Firestore document (%s), then the record is refused', (_label, id) => {
    expect(() => validateRecord(contextRecord(NOTE, id, { text: 'hello', atMs: 1 }))).toThrow(InvalidContextRecordError);
  });
});
