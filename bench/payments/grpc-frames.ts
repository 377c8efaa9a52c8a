// Just enough protobuf wire-format reading to count Firestore operations without a schema: the proxy
// only needs field numbers, lengths and the document names inside writes.

export interface WireField {
  field: number;
  wireType: number;
  /** The bytes of a length-delimited field; empty for other wire types. */
  bytes: Buffer;
}

function readVarint(buf: Buffer, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, pos];
    shift += 7;
  }
}

/** The top-level fields of one protobuf message, in order. */
export function topLevelFields(message: Buffer): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  while (pos < message.length) {
    const [key, afterKey] = readVarint(message, pos);
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    pos = afterKey;
    if (wireType === 0) pos = readVarint(message, pos)[1];
    else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else if (wireType === 2) {
      const [length, start] = readVarint(message, pos);
      fields.push({ field, wireType, bytes: message.subarray(start, start + length) });
      pos = start + length;
      continue;
    } else throw new Error(`unsupported wire type ${wireType}`);
    fields.push({ field, wireType, bytes: Buffer.alloc(0) });
  }
  return fields;
}

/** Splits a gRPC byte stream into messages (5-byte prefix: compressed flag, big-endian length). */
export class GrpcMessageSplitter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (message: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 5) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < 5 + length) return;
      // Compressed messages (flag 1) are not expected from the admin SDK; they are skipped, not guessed at.
      if (this.pending[0] === 0) this.onMessage(this.pending.subarray(5, 5 + length));
      this.pending = this.pending.subarray(5 + length);
    }
  }
}

/** `projects/p/databases/(default)/documents/payments/pay_1` → `payments`; sub-collections keep their path shape. */
export function collectionOf(documentName: string): string {
  const relative = documentName.split('/documents/')[1] ?? documentName;
  const segments = relative.split('/');
  return segments.filter((_, i) => i % 2 === 0).join('/');
}
