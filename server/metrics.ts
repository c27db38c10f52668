// Counters for /metrics in the Prometheus text format. Kept by hand: a dozen numbers do not
// need a client library.
import { getHeapSpaceStatistics } from 'node:v8';
import { gcPauses, watchGcPauses } from './gcPauses';
import { compressionCounts } from './sync/compression';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const RATE_WINDOW_S = 10;

export interface Gauges {
  connections(): number;
  documentsLoaded(): number;
  updatesQueued(): number;
}

export class Metrics {
  updatesStored = 0;
  updatesRejected = 0;
  bytesReceived = 0;
  bytesSent = 0;
  messagesReceived = 0;
  connectionsOpened = 0;
  storageWriteFailures = 0;
  compactions = 0;
  slowReadersClosed = 0;
  /**
   * Answers to a client's sync step 1, how many of them went in Yjs' v2 encoding, and how many
   * were the bytes made for the client before it (sync/recentAnswer.ts).
   */
  syncAnswers = 0;
  syncAnswersV2 = 0;
  syncAnswersReused = 0;
  private readonly closes = new Map<number, number>();
  private readonly latencyCounts = LATENCY_BUCKETS.map(() => 0);
  private latencySum = 0;
  private latencyCount = 0;
  // Updates stored per whole second, for a rate readable without Prometheus.
  private readonly perSecond = new Map<number, number>();

  constructor(private readonly gauges: Gauges) {
    watchGcPauses();
  }

  storageWrite(updates: number, seconds: number): void {
    this.updatesStored += updates;
    this.latencySum += seconds;
    this.latencyCount += 1;
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.latencyCounts[i]! += 1;
    });
    const second = Math.floor(Date.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + updates);
    for (const key of this.perSecond.keys()) if (key <= second - RATE_WINDOW_S) this.perSecond.delete(key);
  }

  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  updatesPerSecond(): number {
    const now = Math.floor(Date.now() / 1000);
    let sum = 0;
    for (const [second, count] of this.perSecond) if (second > now - RATE_WINDOW_S) sum += count;
    return sum / RATE_WINDOW_S;
  }

  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
    };
    metric('cluster_lessons_connections', 'gauge', 'Open websocket connections.', this.gauges.connections());
    metric(
      'cluster_lessons_connections_opened_total',
      'counter',
      'Websocket connections accepted.',
      this.connectionsOpened,
    );
    metric(
      'cluster_lessons_documents_loaded',
      'gauge',
      'Documents held in memory.',
      this.gauges.documentsLoaded(),
    );
    metric(
      'cluster_lessons_updates_stored_total',
      'counter',
      'Document updates committed to storage.',
      this.updatesStored,
    );
    metric(
      'cluster_lessons_updates_per_second',
      'gauge',
      'Updates stored per second over the last 10 s.',
      this.updatesPerSecond(),
    );
    metric(
      'cluster_lessons_updates_queued',
      'gauge',
      'Updates waiting to be stored.',
      this.gauges.updatesQueued(),
    );
    metric(
      'cluster_lessons_updates_rejected_total',
      'counter',
      'Updates dropped: read-only senders or bad input.',
      this.updatesRejected,
    );
    metric(
      'cluster_lessons_messages_received_total',
      'counter',
      'Websocket messages received.',
      this.messagesReceived,
    );
    metric(
      'cluster_lessons_bytes_received_total',
      'counter',
      'Websocket payload bytes received.',
      this.bytesReceived,
    );
    metric('cluster_lessons_bytes_sent_total', 'counter', 'Websocket payload bytes sent.', this.bytesSent);
    metric(
      'cluster_lessons_storage_write_failures_total',
      'counter',
      'Failed storage transactions (retried).',
      this.storageWriteFailures,
    );
    metric(
      'cluster_lessons_compactions_total',
      'counter',
      'Update logs merged into a snapshot.',
      this.compactions,
    );
    metric(
      'cluster_lessons_slow_readers_closed_total',
      'counter',
      'Connections closed (1013) because they read too slowly.',
      this.slowReadersClosed,
    );
    metric(
      'cluster_lessons_sync_answers_total',
      'counter',
      "Answers to a client's sync step 1 (what it lacked).",
      this.syncAnswers,
    );
    metric(
      'cluster_lessons_sync_answers_v2_total',
      'counter',
      'Of those, answers sent as a Yjs v2 update (the client asked, and it was 1 KB or more).',
      this.syncAnswersV2,
    );
    metric(
      'cluster_lessons_sync_answers_reused_total',
      'counter',
      'Of those, answers sent as made for the previous client: it asked with the same state vector, the document unchanged.',
      this.syncAnswersReused,
    );
    const compression = compressionCounts();
    metric(
      'cluster_lessons_messages_deflated_total',
      'counter',
      'Websocket messages compressed for sending.',
      compression.deflated,
    );
    metric(
      'cluster_lessons_messages_deflate_reused_total',
      'counter',
      'Messages sent with bytes compressed for another connection: the same message to a connection with the same recent history and window.',
      compression.reused,
    );
    // The process's memory, in the Prometheus client libraries' usual names: what an
    // administrator of a small machine watches first.
    const memory = process.memoryUsage();
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', memory.rss);
    metric('nodejs_heap_size_total_bytes', 'gauge', "V8's heap, as reserved.", memory.heapTotal);
    metric('nodejs_heap_size_used_bytes', 'gauge', "V8's heap, in use.", memory.heapUsed);
    metric(
      'nodejs_external_memory_bytes',
      'gauge',
      'Memory of objects outside V8 that V8 knows of (buffers, SQLite and zlib are not all of it).',
      memory.external,
    );
    // Per V8 heap space, as prom-client names them: under load the young generation ("new")
    // grows to its maximum (32 MB on Node 20) whatever the number of clients, and an "old" space
    // that reserves much more than it uses holds garbage from a burst (many plans opened at once).
    const spaces = getHeapSpaceStatistics().filter((space) => space.space_size > 0);
    const perSpace = (name: string, help: string, value: (space: (typeof spaces)[number]) => number) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
      for (const space of spaces)
        lines.push(`${name}{space="${space.space_name.replace(/_space$/, '')}"} ${value(space)}`);
    };
    perSpace('nodejs_heap_space_size_total_bytes', "V8's heap by space, as reserved.", (s) => s.space_size);
    perSpace('nodejs_heap_space_size_used_bytes', "V8's heap by space, in use.", (s) => s.space_used_size);
    lines.push(
      '# HELP cluster_lessons_connections_closed_total Connections closed, by close code.',
      '# TYPE cluster_lessons_connections_closed_total counter',
    );
    for (const [code, count] of [...this.closes].sort((a, b) => a[0] - b[0])) {
      lines.push(`cluster_lessons_connections_closed_total{code="${code}"} ${count}`);
    }
    const gc = 'nodejs_gc_duration_seconds';
    lines.push(
      `# HELP ${gc} Time the process was paused for garbage collection, by kind (minor: the young generation).`,
      `# TYPE ${gc} summary`,
    );
    for (const pause of gcPauses()) {
      lines.push(
        `${gc}_sum{kind="${pause.kind}"} ${pause.seconds}`,
        `${gc}_count{kind="${pause.kind}"} ${pause.count}`,
      );
    }
    const h = 'cluster_lessons_storage_write_seconds';
    lines.push(`# HELP ${h} Time to commit one batch of updates.`, `# TYPE ${h} histogram`);
    LATENCY_BUCKETS.forEach((bound, i) => {
      lines.push(`${h}_bucket{le="${bound}"} ${this.latencyCounts[i]}`);
    });
    lines.push(
      `${h}_bucket{le="+Inf"} ${this.latencyCount}`,
      `${h}_sum ${this.latencySum}`,
      `${h}_count ${this.latencyCount}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
