// `cluster-lessons-server member revoke` runs in another process and only writes the database.
// The running server notices within a poll interval: PRAGMA data_version changes when another
// connection commits, which costs next to nothing to ask every quarter second.
import type { Directory } from '../directory/directory';
import type { SqliteDatabase } from '../storage/database';

export class RevocationWatcher {
  private seq: number;
  private dataVersion: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly directory: Directory,
    private readonly revoked: (memberId: string) => void,
    intervalMs: number,
  ) {
    this.seq = directory.lastRevocationSeq();
    this.dataVersion = this.readDataVersion();
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  check(): void {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    for (const revocation of this.directory.revocationsAfter(this.seq)) {
      this.seq = revocation.seq;
      this.revoked(revocation.member);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
