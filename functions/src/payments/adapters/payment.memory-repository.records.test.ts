import { z } from 'zod';
import { ContextRecordExistsError, contextRecord, InvalidContextRecordError, recordKind } from '../../shared/context-record';
import { InMemoryPaymentRepository } from './payment.memory-repository';

// Record kinds as another context declares them; the fake mirrors Firestore: `create` refuses an
// existing document and fails the whole commit, `set` replaces it.
const ENTRY = recordKind({ name: 'entry', collection: 'entries', schema: z.object({ text: z.string().min(1) }), write: 'create' });
const POINTER = recordKind({ name: 'pointer', collection: 'pointers', schema: z.object({ target: z.string() }), write: 'set' });

describe('records committed through the payments transaction', () => {
  it('given an append-only record, when a second transaction writes the same id, then that commit is refused and nothing of it is written', async () => {
    const repo = new InMemoryPaymentRepository();
    await repo.transaction(async (tx) => tx.create(contextRecord(ENTRY, 'e1', { text: 'first' })));
    await expect(
      repo.transaction(async (tx) => {
        tx.create(contextRecord(POINTER, 'p1', { target: 'e1' }));
        tx.create(contextRecord(ENTRY, 'e1', { text: 'second' }));
      }),
    ).rejects.toThrow(ContextRecordExistsError);
    expect(repo.record('entries', 'e1')).toEqual({ text: 'first' });
    expect(repo.record('pointers', 'p1')).toBeNull();
  });

  it('given an append-only record, when one transaction creates the same id twice, then it is refused', async () => {
    const repo = new InMemoryPaymentRepository();
    await expect(
      repo.transaction(async (tx) => {
        tx.create(contextRecord(ENTRY, 'e1', { text: 'a' }));
        tx.create(contextRecord(ENTRY, 'e1', { text: 'b' }));
      }),
    ).rejects.toThrow(ContextRecordExistsError);
    expect(repo.record('entries', 'e1')).toBeNull();
  });

  it('given a body that runs twice, when it creates an append-only record, then the record is written once (the first run is discarded)', async () => {
    const repo = new InMemoryPaymentRepository();
    let runs = 0;
    await repo.transaction(async (tx) => {
      runs++;
      tx.create(contextRecord(ENTRY, 'e1', { text: `run ${runs}` }));
    });
    expect(runs).toBe(2);
    expect(repo.record('entries', 'e1')).toEqual({ text: 'run 2' });
  });

  it('given a record of a kind written with set, when written again, then the later one replaces it', async () => {
    const repo = new InMemoryPaymentRepository();
    await repo.transaction(async (tx) => tx.create(contextRecord(POINTER, 'p1', { target: 'a' })));
    await repo.transaction(async (tx) => tx.create(contextRecord(POINTER, 'p1', { target: 'b' })));
    expect(repo.record('pointers', 'p1')).toEqual({ target: 'b' });
  });

  it('given a record that does not match its schema, when staged, then the body fails there and the transaction writes nothing', async () => {
    const repo = new InMemoryPaymentRepository();
    let stagedAfter = false;
    await expect(
      repo.transaction(async (tx) => {
        tx.create(contextRecord(POINTER, 'p1', { target: 'fine' }));
        tx.create(contextRecord(ENTRY, 'e1', { text: '' }));
        stagedAfter = true;
      }),
    ).rejects.toThrow(InvalidContextRecordError);
    expect(stagedAfter).toBe(false);
    expect(repo.record('pointers', 'p1')).toBeNull();
    expect(repo.record('entries', 'e1')).toBeNull();
  });
});
