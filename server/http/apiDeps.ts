import type { AccessListStore } from '../directory/accessLists';
import type { Directory } from '../directory/directory';
import type { Metrics } from '../metrics';

/** What the HTTP routes need from the running server. */
export interface ApiDeps {
  readonly directory: Directory;
  readonly accessLists: AccessListStore;
  readonly metrics: Metrics;
  readonly version: string;
  health(): { ok: true } | { ok: false; reason: string };
  /** Closes every open connection of a revoked member with 4401. */
  disconnectMember(memberId: string): void;
  /** Decides again for the open connections of a document whose access lists changed. */
  accessChanged(docName: string): void;
  /** Whether a document has any stored content. */
  documentExists(docName: string): Promise<boolean>;
}
