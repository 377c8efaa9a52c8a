import { createLogger } from './logger';

describe('the log level handed down from the configuration', () => {
  const linesAt = (level?: 'debug' | 'info') => {
    const lines: Array<{ severity: string; message: string }> = [];
    const log = createLogger({}, (line) => void lines.push(JSON.parse(line)), level).child({ context: 'x' });
    log.debug('detail');
    log.info('fact');
    return lines.map((line) => `${line.severity} ${line.message}`);
  };

  it('given LOG_LEVEL=debug, then debug lines are written, by children too', () => {
    expect(linesAt('debug')).toEqual(['DEBUG detail', 'INFO fact']);
  });

  it('given the default level, then debug lines are dropped', () => {
    expect(linesAt()).toEqual(['INFO fact']);
    expect(linesAt('info')).toEqual(['INFO fact']);
  });
});
