// The seam between the sync server and wherever documents are kept. SQLite is the embedded
// default; a server database can implement this interface without touching the rest.
// Every method is async so that such an implementation can do real I/O.

export interface AppendEntry {
  readonly doc: string;
  readonly update: Uint8Array;
}

export interface StoredDocument {
  /** The snapshot (if any) followed by the update log, oldest first. Apply them in order. */
  readonly updates: readonly Uint8Array[];
}

export interface CompactionResult {
  /** Rows merged (snapshot and log entries); 0 when there was nothing to merge. */
  readonly rowsMerged: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

export interface DocumentStorage {
  load(doc: string): Promise<StoredDocument>;
  /** Appends every entry in one transaction: all are stored, or none is and the promise rejects. */
  append(entries: readonly AppendEntry[]): Promise<void>;
  /** Merges a document's log into one snapshot in one transaction. Never reads a document from memory. */
  compact(doc: string): Promise<CompactionResult>;
  list(): Promise<string[]>;
  delete(doc: string): Promise<void>;
  close(): Promise<void>;
}
