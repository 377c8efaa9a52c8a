import { InvalidStoredDocumentError } from '../stored-document';

/** What Firestore holds after an adapter's write: undefined fields dropped, null kept. */
export const asStored = (value: object): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/** The error a refused document raises; fails the test when the document was accepted. */
export function refusalOf(read: () => unknown): InvalidStoredDocumentError {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidStoredDocumentError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused, but it parsed');
}
