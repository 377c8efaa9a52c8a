import type { ProcessorReportSource } from '../application/reconciliation.ports';
import type { ProcessorReportLine } from '../domain/reconciliation-lines';

const order = (a: ProcessorReportLine, b: ProcessorReportLine): number =>
  a.merchantReference < b.merchantReference ? -1 : a.merchantReference > b.merchantReference ? 1 : a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;

/**
 * Every processor's report of the day as one stream sorted by merchant reference (then line id): each
 * report arrives sorted, so a k-way merge keeps memory flat whatever the day's size. Our references are
 * unique across processors (a payment is authorised at one), so the match sees each reference once.
 */
export class MergedProcessorReports implements ProcessorReportSource {
  constructor(private readonly sources: readonly ProcessorReportSource[]) {}

  async *lines(livemode: boolean, date: string): AsyncGenerator<ProcessorReportLine> {
    const iterators = this.sources.map((source) => source.lines(livemode, date)[Symbol.asyncIterator]());
    const heads = await Promise.all(iterators.map((it) => it.next()));
    try {
      for (;;) {
        let next = -1;
        for (let i = 0; i < heads.length; i++) if (!heads[i]!.done && (next < 0 || order(heads[i]!.value, heads[next]!.value) < 0)) next = i;
        if (next < 0) return;
        yield heads[next]!.value as ProcessorReportLine;
        heads[next] = await iterators[next]!.next();
      }
    } finally {
      await Promise.all(iterators.map((it, i) => (heads[i]!.done ? undefined : it.return?.())));
    }
  }
}
