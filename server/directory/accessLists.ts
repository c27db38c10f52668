// Access lists that are server data, never CRDT fields (DESIGN.md): observation rounds with
// their observers and audience, and plan drafts restricted to named co-authors.
import type { Statement } from 'better-sqlite3';
import type { DocName } from '../../core/cluster/docName';
import type { AccessLists, PlanRestriction, RoundAudience } from '../../core/cluster/permissions';
import type { SqliteDatabase } from '../storage/database';
import { newId } from './secrets';

export interface Round extends RoundAudience {
  readonly id: string;
  readonly cluster: string;
  /** The plan observed, if given: `<cluster>/plan/<id>`. */
  readonly plan: string | null;
  readonly doc: string;
}

export interface NewRound {
  readonly cluster: string;
  readonly teacher: string;
  readonly observers: readonly string[];
  readonly sharedWith: readonly string[];
  readonly plan: string | null;
}

export class AccessListStore {
  private readonly roundById: Statement<
    [string],
    { id: string; cluster: string; teacher: string; plan: string | null }
  >;
  private readonly roundMembers: Statement<[string], { member: string; part: string }>;
  private readonly insertRoundMember: Statement<[string, string, string]>;
  private readonly deleteRoundMember: Statement<[string, string, string]>;
  private readonly restrictionByDoc: Statement<[string], { others_may_read: number }>;
  private readonly coAuthorsOfDoc: Statement<[string], { member: string }>;
  private readonly authorOfPlan: Statement<[string], { author: string }>;
  private readonly insertPlanAuthor: Statement<[string, string, number]>;

  constructor(private readonly db: SqliteDatabase) {
    this.roundById = db.prepare('SELECT id, cluster, teacher, plan FROM rounds WHERE id = ?');
    this.roundMembers = db.prepare('SELECT member, part FROM round_members WHERE round = ? ORDER BY rowid');
    // An observer is also in the audience by being an observer; the stronger part wins.
    this.insertRoundMember = db.prepare(
      "INSERT INTO round_members (round, member, part) VALUES (?, ?, ?) ON CONFLICT (round, member) DO UPDATE SET part = 'observer' WHERE excluded.part = 'observer'",
    );
    this.deleteRoundMember = db.prepare(
      'DELETE FROM round_members WHERE round = ? AND member = ? AND part = ?',
    );
    this.restrictionByDoc = db.prepare('SELECT others_may_read FROM plan_restrictions WHERE doc = ?');
    this.coAuthorsOfDoc = db.prepare('SELECT member FROM plan_coauthors WHERE doc = ? ORDER BY rowid');
    this.authorOfPlan = db.prepare('SELECT author FROM plan_authors WHERE doc = ?');
    this.insertPlanAuthor = db.prepare(
      'INSERT INTO plan_authors (doc, author, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** What `decideAccess` needs to know about one document. */
  listsFor(doc: DocName, docName: string): AccessLists {
    if (doc.kind === 'plan') return { planRestriction: this.getPlanRestriction(docName) };
    if (doc.kind === 'review') {
      const round = this.getRound(doc.id);
      return { round: round?.cluster === doc.cluster ? round : undefined };
    }
    return {};
  }

  createRound(input: NewRound): Round {
    const id = newId('r');
    this.db
      .transaction(() => {
        this.db
          .prepare('INSERT INTO rounds (id, cluster, teacher, plan, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, input.cluster, input.teacher, input.plan, Date.now());
        for (const member of input.observers) this.insertRoundMember.run(id, member, 'observer');
        for (const member of input.sharedWith) this.insertRoundMember.run(id, member, 'audience');
      })
      .immediate();
    return this.getRound(id)!;
  }

  getRound(id: string): Round | undefined {
    const row = this.roundById.get(id);
    if (row === undefined) return undefined;
    const members = this.roundMembers.all(id);
    return {
      id: row.id,
      cluster: row.cluster,
      teacher: row.teacher,
      plan: row.plan,
      doc: `${row.cluster}/review/${row.id}`,
      observers: members.filter((m) => m.part === 'observer').map((m) => m.member),
      sharedWith: members.filter((m) => m.part === 'audience').map((m) => m.member),
    };
  }

  shareRound(id: string, members: readonly string[]): void {
    this.db.transaction(() => {
      for (const member of members) this.insertRoundMember.run(id, member, 'audience');
    })();
  }

  unshareRound(id: string, members: readonly string[]): void {
    this.db.transaction(() => {
      for (const member of members) this.deleteRoundMember.run(id, member, 'audience');
    })();
  }

  getPlanRestriction(doc: string): PlanRestriction | undefined {
    const row = this.restrictionByDoc.get(doc);
    if (row === undefined) return undefined;
    return {
      coAuthors: this.coAuthorsOfDoc.all(doc).map((r) => r.member),
      othersMayRead: row.others_may_read === 1,
    };
  }

  setPlanRestriction(doc: string, restriction: PlanRestriction, setBy: string): void {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO plan_restrictions (doc, others_may_read, set_by, updated_at) VALUES (?, ?, ?, ?) ' +
              'ON CONFLICT (doc) DO UPDATE SET others_may_read = excluded.others_may_read, set_by = excluded.set_by, updated_at = excluded.updated_at',
          )
          .run(doc, restriction.othersMayRead ? 1 : 0, setBy, Date.now());
        this.db.prepare('DELETE FROM plan_coauthors WHERE doc = ?').run(doc);
        const insert = this.db.prepare('INSERT OR IGNORE INTO plan_coauthors (doc, member) VALUES (?, ?)');
        for (const member of restriction.coAuthors) insert.run(doc, member);
      })
      .immediate();
  }

  clearPlanRestriction(doc: string): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM plan_restrictions WHERE doc = ?').run(doc);
        this.db.prepare('DELETE FROM plan_coauthors WHERE doc = ?').run(doc);
      })
      .immediate();
  }

  /** The member whose update first created a plan; they may restrict it to co-authors. */
  planAuthor(doc: string): string | undefined {
    return this.authorOfPlan.get(doc)?.author;
  }

  recordPlanAuthor(doc: string, member: string): void {
    this.insertPlanAuthor.run(doc, member, Date.now());
  }
}
