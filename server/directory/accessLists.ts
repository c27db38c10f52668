// Access lists that are server data, never CRDT fields (DESIGN.md): observation rounds with
// their observers and audience, and plan drafts restricted to named co-authors.
import type { Statement } from 'better-sqlite3';
import type { DocName } from '../../core/cluster/docName';
import type {
  AccessLists,
  PlanRestriction,
  RoundAudience,
  RoundStatus,
} from '../../core/cluster/permissions';
import type { SqliteDatabase } from '../storage/database';
import { newId } from './secrets';

/**
 * An observation round as the API answers it; field for field the `RoundInfo` of core/review,
 * which the extension reads.
 */
export interface Round extends RoundAudience {
  readonly id: string;
  readonly cluster: string;
  /** The plan observed, if given: `<cluster>/plan/<id>`. */
  readonly plan: string | null;
  /** The review document: `<cluster>/review/<id>`. */
  readonly doc: string;
  /** The leader or advisor who proposed the round; null when the teacher opened it. */
  readonly proposedBy: string | null;
  /** The day of the lesson observed, YYYY-MM-DD. */
  readonly date: string;
  /** School id of the lesson observed. */
  readonly school: string;
  readonly className: string;
  readonly focusQuestions: readonly string[];
  /** Developmental (support, not judgement) rather than evaluative. */
  readonly developmental: boolean;
  /** Part of a lesson study cycle (DOMAIN.md, practice 3). */
  readonly lessonStudy: boolean;
}

/** What describes the lesson observed; the teacher may change it while the round lives. */
export interface RoundDetails {
  readonly date: string;
  readonly school: string;
  readonly className: string;
  readonly focusQuestions: readonly string[];
  readonly developmental: boolean;
  readonly lessonStudy: boolean;
}

export interface NewRound extends RoundDetails {
  readonly cluster: string;
  readonly teacher: string;
  readonly observers: readonly string[];
  readonly sharedWith: readonly string[];
  readonly plan: string | null;
  readonly status: 'proposed' | 'open';
  readonly proposedBy: string | null;
}

export interface RoundChanges extends Partial<RoundDetails> {
  readonly status?: RoundStatus;
  /** Replaces the observers; one removed from them is out of the round altogether. */
  readonly observers?: readonly string[];
  readonly declineReason?: string | null;
}

interface RoundRow {
  id: string;
  cluster: string;
  teacher: string;
  plan: string | null;
  status: RoundStatus;
  proposed_by: string | null;
  date: string;
  school: string;
  class_name: string;
  focus_questions: string;
  developmental: number;
  lesson_study: number;
}

const ROUND_COLUMNS =
  'id, cluster, teacher, plan, status, proposed_by, date, school, class_name, focus_questions, developmental, lesson_study';

export class AccessListStore {
  private readonly roundById: Statement<[string], RoundRow>;
  private readonly roundsOfMember: Statement<[string, string, string, string], RoundRow>;
  private readonly touchRound: Statement<[number, string]>;
  private readonly roundMembers: Statement<[string], { member: string; part: string }>;
  private readonly insertRoundMember: Statement<[string, string, string]>;
  private readonly deleteRoundMember: Statement<[string, string, string]>;
  private readonly restrictionByDoc: Statement<[string], { others_may_read: number }>;
  private readonly coAuthorsOfDoc: Statement<[string], { member: string }>;
  private readonly authorOfPlan: Statement<[string], { author: string }>;
  private readonly insertPlanAuthor: Statement<[string, string, number]>;

  constructor(private readonly db: SqliteDatabase) {
    this.roundById = db.prepare(`SELECT ${ROUND_COLUMNS} FROM rounds WHERE id = ?`);
    this.roundsOfMember = db.prepare(
      `SELECT ${ROUND_COLUMNS} FROM rounds WHERE cluster = ? AND ` +
        '(teacher = ? OR proposed_by = ? OR id IN (SELECT round FROM round_members WHERE member = ?)) ' +
        'ORDER BY date DESC, created_at DESC, rowid DESC',
    );
    this.touchRound = db.prepare('UPDATE rounds SET updated_at = ? WHERE id = ?');
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
    const now = Date.now();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO rounds (id, cluster, teacher, plan, status, proposed_by, date, school, class_name, ' +
              'focus_questions, developmental, lesson_study, created_at, updated_at) ' +
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            id,
            input.cluster,
            input.teacher,
            input.plan,
            input.status,
            input.proposedBy,
            input.date,
            input.school,
            input.className,
            JSON.stringify(input.focusQuestions),
            input.developmental ? 1 : 0,
            input.lessonStudy ? 1 : 0,
            now,
            now,
          );
        for (const member of input.observers) this.insertRoundMember.run(id, member, 'observer');
        for (const member of input.sharedWith) this.insertRoundMember.run(id, member, 'audience');
      })
      .immediate();
    return this.getRound(id)!;
  }

  getRound(id: string): Round | undefined {
    const row = this.roundById.get(id);
    return row === undefined ? undefined : this.toRound(row);
  }

  /** Every round of the cluster the member is in (teacher, observer, audience or proposer), newest lesson first. */
  roundsOf(cluster: string, member: string): Round[] {
    return this.roundsOfMember.all(cluster, member, member, member).map((row) => this.toRound(row));
  }

  updateRound(id: string, changes: RoundChanges): void {
    const columns: Record<string, string | number | null> = {};
    if (changes.status !== undefined) columns.status = changes.status;
    if (changes.date !== undefined) columns.date = changes.date;
    if (changes.school !== undefined) columns.school = changes.school;
    if (changes.className !== undefined) columns.class_name = changes.className;
    if (changes.focusQuestions !== undefined)
      columns.focus_questions = JSON.stringify(changes.focusQuestions);
    if (changes.developmental !== undefined) columns.developmental = changes.developmental ? 1 : 0;
    if (changes.lessonStudy !== undefined) columns.lesson_study = changes.lessonStudy ? 1 : 0;
    if (changes.declineReason !== undefined) columns.decline_reason = changes.declineReason;
    columns.updated_at = Date.now();
    const names = Object.keys(columns);
    this.db
      .transaction(() => {
        this.db
          .prepare(`UPDATE rounds SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE id = ?`)
          .run(...names.map((name) => columns[name]), id);
        if (changes.observers === undefined) return;
        const keep = new Set(changes.observers);
        for (const { member, part } of this.roundMembers.all(id)) {
          if (part === 'observer' && !keep.has(member)) this.deleteRoundMember.run(id, member, 'observer');
        }
        for (const member of changes.observers) this.insertRoundMember.run(id, member, 'observer');
      })
      .immediate();
  }

  shareRound(id: string, members: readonly string[]): void {
    this.db.transaction(() => {
      for (const member of members) this.insertRoundMember.run(id, member, 'audience');
      this.touchRound.run(Date.now(), id);
    })();
  }

  unshareRound(id: string, members: readonly string[]): void {
    this.db.transaction(() => {
      for (const member of members) this.deleteRoundMember.run(id, member, 'audience');
      this.touchRound.run(Date.now(), id);
    })();
  }

  private toRound(row: RoundRow): Round {
    const members = this.roundMembers.all(row.id);
    return {
      id: row.id,
      cluster: row.cluster,
      teacher: row.teacher,
      observers: members.filter((m) => m.part === 'observer').map((m) => m.member),
      sharedWith: members.filter((m) => m.part === 'audience').map((m) => m.member),
      plan: row.plan,
      doc: `${row.cluster}/review/${row.id}`,
      status: row.status,
      proposedBy: row.proposed_by,
      date: row.date,
      school: row.school,
      className: row.class_name,
      focusQuestions: parseQuestions(row.focus_questions),
      developmental: row.developmental === 1,
      lessonStudy: row.lesson_study === 1,
    };
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

function parseQuestions(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}
