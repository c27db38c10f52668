// When a document's update log is merged into a snapshot: once it reaches a number of rows
// (so a busy document loads fast), and when the document is unloaded. One compaction at a time.
import { errorFields, type LogSink } from '../log';
import type { Metrics } from '../metrics';
import type { DocumentStorage } from '../storage/documentStorage';

export class Compactor {
  private rowCount = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly doc: string,
    private readonly storage: DocumentStorage,
    private readonly threshold: number,
    private readonly metrics: Metrics,
    private readonly log: LogSink,
  ) {}

  /** Rows the document has in storage (snapshot included), as far as this server knows. */
  get rows(): number {
    return this.rowCount;
  }

  loaded(rows: number): void {
    this.rowCount = rows;
  }

  appended(): void {
    this.rowCount += 1;
    if (this.rowCount >= this.threshold) void this.compact();
  }

  /** Compacts now (or joins the compaction under way); never throws: a failure keeps the log. */
  compact(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const before = this.rowCount;
    try {
      const result = await this.storage.compact(this.doc);
      // Rows appended while compacting stay in the log (none with SQLite, which compacts in one step).
      this.rowCount = (result.rowsMerged > 0 ? 1 : before) + (this.rowCount - before);
      if (result.rowsMerged > 0) this.metrics.compactions += 1;
      this.log({ level: 'debug', msg: 'compacted', doc: this.doc, ...result });
    } catch (error) {
      this.log({
        level: 'error',
        msg: 'compaction failed; the update log is kept',
        doc: this.doc,
        ...errorFields(error),
      });
    }
  }
}
