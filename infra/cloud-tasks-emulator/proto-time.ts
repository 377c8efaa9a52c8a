/** google.protobuf.Timestamp / Duration as decoded by proto-loader with `longs: Number`. */
export interface ProtoSeconds {
  seconds?: number | string;
  nanos?: number;
}

export function protoToMs(value: ProtoSeconds | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.seconds ?? 0);
  const nanos = value.nanos ?? 0;
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

export function msToProto(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6 };
}
