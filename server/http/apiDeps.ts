import type { Access } from '../../core/cluster/permissions';
import type { AccessListStore } from '../directory/accessLists';
import type { Directory, Member } from '../directory/directory';
import type { ExpertiseStore } from '../directory/expertiseStore';
import type { Metrics } from '../metrics';
import type { PlanIndex } from '../plans/planIndex';
import type { DocumentDigest } from '../sync/documentDigest';

/** What the HTTP routes need from the running server. */
export interface ApiDeps {
  readonly directory: Directory;
  readonly accessLists: AccessListStore;
  /** Members' expertise: the topics each is confident to help colleagues with. */
  readonly expertise: ExpertiseStore;
  readonly metrics: Metrics;
  readonly plans: PlanIndex;
  readonly version: string;
  health(): { ok: true } | { ok: false; reason: string };
  /** Closes every open connection of a revoked member with 4401. */
  disconnectMember(memberId: string): void;
  /** Decides again for the open connections of a document whose access lists changed. */
  accessChanged(docName: string): void;
  /** Whether a document has any stored content. */
  documentExists(docName: string): Promise<boolean>;
  /** What a member may do with a document, decided as for a connection. */
  decide(member: Member, docName: string): { access: Access; reason: string };
  /** The server's state vector and text digest of a document. */
  digest(docName: string, textName: string): Promise<DocumentDigest>;
}
