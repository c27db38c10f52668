// Who may open which document, decided before a single byte of it is sent: the token names an
// active member, the path names a document of their cluster, and the server's access lists
// let them at least read it.
import { parseDocName } from '../../core/cluster/docName';
import { type Access, decideAccess } from '../../core/cluster/permissions';
import type { AccessListStore } from '../directory/accessLists';
import type { Directory, Member } from '../directory/directory';
import { CloseCode } from './closeCodes';

export type Admission =
  | {
      readonly ok: true;
      readonly member: Member;
      readonly docName: string;
      readonly access: Exclude<Access, 'none'>;
    }
  | { readonly ok: false; readonly code: CloseCode; readonly reason: string; readonly memberId?: string };

export class Gatekeeper {
  constructor(
    private readonly directory: Directory,
    private readonly accessLists: AccessListStore,
  ) {}

  /** `path` and `token` come from the upgrade request: `/<doc name>?token=...`. */
  admit(path: string, token: string | null): Admission {
    const member = token === null ? undefined : this.directory.authenticate(token);
    if (member === undefined) {
      return {
        ok: false,
        code: CloseCode.unauthorized,
        reason: 'unknown or revoked token; sign in to the cluster again',
      };
    }
    const docName = path.replace(/^\/+/, '');
    const parsed = parseDocName(docName);
    if (!parsed.ok)
      return { ok: false, code: CloseCode.unknownDocument, reason: parsed.reason, memberId: member.id };
    const lists = this.accessLists.listsFor(parsed.name, docName);
    const decision = decideAccess(member, parsed.name, lists);
    if (decision.access === 'none') {
      const sameCluster = parsed.name.cluster === member.cluster;
      const missingRound = sameCluster && parsed.name.kind === 'review' && lists.round === undefined;
      const code = missingRound ? CloseCode.unknownDocument : CloseCode.forbidden;
      return { ok: false, code, reason: decision.reason, memberId: member.id };
    }
    return { ok: true, member, docName, access: decision.access };
  }

  /** Access for a member already admitted; asked again when a document's access lists change. */
  decide(member: Member, docName: string): { access: Access; reason: string } {
    const parsed = parseDocName(docName);
    if (!parsed.ok) return { access: 'none', reason: parsed.reason };
    return decideAccess(member, parsed.name, this.accessLists.listsFor(parsed.name, docName));
  }
}
