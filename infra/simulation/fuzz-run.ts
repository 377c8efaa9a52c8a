import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../functions/src/shared/firestore-collections';
import { countsBetween, type FirestoreCountingProxy } from '../../bench/payments/firestore-counting.proxy';
import { signUpAppUser } from '../local/app-users';
import { FirestoreStaffDirectory } from '../../functions/src/compliance/adapters/staff-directory.firestore';
import { generateStaffKey, newStaffKeyRecord } from '../../functions/src/compliance/domain/staff-key';
import type { Prng } from './prng';
import { fuzzRequests, sendFuzzRequests, type FuzzResult } from './request-fuzzer';

export interface FuzzReport extends FuzzResult {
  routes: number;
  /** Collections whose document count changed while the fuzzer ran. */
  countChanges: Record<string, { before: number; after: number }>;
  /** Documents the functions wrote while the fuzzer ran, per collection (counted by the Firestore proxy). */
  writes: Record<string, number>;
  /** The documents that appeared while the fuzzer ran (up to 5 per collection, with their type or status): what to look at when a count changed. */
  newDocuments: Record<string, Array<Record<string, unknown>>>;
}

async function documentIds(db: Firestore): Promise<Map<string, Set<string>>> {
  const collections = await db.listCollections();
  return new Map(await Promise.all(collections.map(async (c) => [c.id, new Set((await c.select().get()).docs.map((d) => d.id))] as const)));
}

async function documentCounts(db: Firestore): Promise<Record<string, number>> {
  const collections = await db.listCollections();
  const counts = await Promise.all(collections.map(async (c) => [c.id, (await c.count().get()).data().count] as const));
  return Object.fromEntries(counts);
}

/** Runs the OpenAPI-driven fuzzer against a quiet stack and reports any non-4xx answer and any write. */
export async function runFuzz(input: { apiUrl: string; projectId: string; authHostPort: string; db: Firestore; proxy: FirestoreCountingProxy; merchantKey: string; prng: Prng; perRoute: number }): Promise<FuzzReport> {
  const { db } = input;
  const openapi = (await (await fetch(`${input.apiUrl}/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
  const staff = generateStaffKey();
  await new FirestoreStaffDirectory(db).saveStaffKey(newStaffKeyRecord(staff, 'fuzzer@simulation.example', Date.now()));
  const [payment, caseDoc, rules] = await Promise.all([
    db.collection(COLLECTIONS.payments).where('status', '==', 'succeeded').limit(1).get(),
    db.collection(COLLECTIONS.cases).limit(1).get(),
    fetch(`${input.apiUrl}/v1/radar/rules`, { headers: { authorization: `Bearer ${input.merchantKey}` } }).then((r) => r.json() as Promise<{ data?: Array<{ id: string }> }>),
  ]);
  const existingIds: Record<string, string> = {
    ...(payment.docs[0] ? { payment: payment.docs[0].id } : {}),
    ...(caseDoc.docs[0] ? { case: caseDoc.docs[0].id } : {}),
    ...(rules.data?.[0] ? { rule: rules.data[0].id } : {}),
  };
  const requests = fuzzRequests(openapi, { merchant: input.merchantKey, staff, endUser: await (await signUpAppUser(input.authHostPort, input.projectId)).idToken(), existingIds }, input.prng, input.perRoute);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the staff key's write and anything in flight settle first
  const before = await documentCounts(db);
  const idsBefore = await documentIds(db);
  const writesBefore = input.proxy.snapshot();
  const result = await sendFuzzRequests(input.apiUrl, requests);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // anything the requests set off lands before the second count
  const after = await documentCounts(db);
  const countChanges: FuzzReport['countChanges'] = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if ((before[name] ?? 0) !== (after[name] ?? 0)) countChanges[name] = { before: before[name] ?? 0, after: after[name] ?? 0 };
  }
  const newDocuments: FuzzReport['newDocuments'] = {};
  for (const name of Object.keys(countChanges)) {
    const known = idsBefore.get(name) ?? new Set<string>();
    const added = (await db.collection(name).get()).docs.filter((d) => !known.has(d.id)).slice(0, 5);
    newDocuments[name] = added.map((d) => ({ id: d.id, type: d.get('type') ?? null, status: d.get('status') ?? null, created: d.get('created') ?? d.get('createdMs') ?? d.get('created_ms') ?? null }));
  }
  return { ...result, newDocuments, routes: Object.values(openapi.paths).reduce<number>((n, methods) => n + Object.keys(methods as object).length, 0), countChanges, writes: countsBetween(writesBefore, input.proxy.snapshot()).writesByCollection };
}
