import { createLogger, redact, traceField } from './logger';

describe('logger', () => {
  it('given secrets and personal data, when logged, then they are redacted but other fields kept', () => {
    const lines: string[] = [];
    const log = createLogger({ service: 'payments' }, (line) => lines.push(line));
    log.info('charge', { authorization: 'Bearer sk_test_abc', customer: { email: 'a@b.c' }, description: 'order 42', amount: 100 });
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ severity: 'INFO', message: 'charge', service: 'payments', authorization: '[redacted]', customer: '[redacted]', description: 'order 42', amount: 100 });
    expect(lines[0]).not.toContain('sk_test_abc');
  });

  it('given a PAN inside any string, when logged, then the string is replaced', () => {
    expect(redact({ note: 'card 4242 4242 4242 4242', nested: ['ok', { x: '5555-5555-5555-4444' }] })).toEqual({
      note: '[redacted-pan]',
      nested: ['ok', { x: '[redacted-pan]' }],
    });
  });

  it('child loggers carry their fields and stay redacted', () => {
    const lines: string[] = [];
    createLogger({}, (line) => lines.push(line)).child({ request_id: 'req_1', token: 'tok' }).warn('w');
    expect(JSON.parse(lines[0])).toMatchObject({ severity: 'WARNING', request_id: 'req_1', token: '[redacted]' });
  });

  it('builds the Cloud Logging trace field from the trace header', () => {
    expect(traceField('abc123/1;o=1', 'proj')).toEqual({ 'logging.googleapis.com/trace': 'projects/proj/traces/abc123' });
    expect(traceField(undefined, 'proj')).toEqual({});
  });
});
