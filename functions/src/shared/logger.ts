// Structured JSON lines in the shape Cloud Logging reads (severity, message, trace), with secrets
// and personal data removed before anything leaves the process.
import { containsCardNumber } from './card-number-guard';

type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
type Fields = Record<string, unknown>;

// Exact keys rather than patterns: a pattern like /ip/ would also hide "description" or "subscription".
const REDACTED_KEYS = new Set([
  'authorization', 'api_key', 'apikey', 'secret', 'password', 'token', 'payment_method', 'card', 'number', 'cvc',
  'email', 'name', 'legal_name', 'address', 'dob', 'date_of_birth', 'phone', 'ip', 'customer', 'document_token', 'id_document_token',
  'registration_number', 'beneficial_owners',
]);

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[truncated]';
  if (typeof value === 'string') return containsCardNumber(value) ? '[redacted-pan]' : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Fields = {};
    for (const [key, v] of Object.entries(value as Fields)) {
      out[key] = REDACTED_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

/** LOG_LEVEL: `debug` writes DEBUG lines too; anything else starts at INFO. */
export type LogLevel = 'debug' | 'info';

export function createLogger(base: Fields = {}, sink: (line: string) => void = (l) => process.stdout.write(l + '\n'), level: LogLevel = 'info'): Logger {
  const write = (severity: Severity, message: string, fields?: Fields) => {
    if (severity === 'DEBUG' && level !== 'debug') return;
    const entry = { severity, message, time: new Date().toISOString(), ...(redact({ ...base, ...fields }) as Fields) };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('DEBUG', m, f),
    info: (m, f) => write('INFO', m, f),
    warn: (m, f) => write('WARNING', m, f),
    error: (m, f) => write('ERROR', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, sink, level),
  };
}

// Cloud Logging links entries to a request through this field.
export function traceField(traceHeader: string | undefined, projectId: string): Fields {
  const traceId = traceHeader?.split('/')[0];
  return traceId ? { 'logging.googleapis.com/trace': `projects/${projectId}/traces/${traceId}` } : {};
}
