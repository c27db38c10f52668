// Member expertise: the topics each member is confident to help colleagues with ("a live
// directory of expertise"; the cluster's INSET presenters come from here). Kept by the server,
// not in a document, so only the member and the leader can change it.
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/database';

export const MAX_EXPERTISE_TOPICS = 20;
export const MAX_EXPERTISE_TOPIC_CHARS = 80;

export interface MemberTopics {
  readonly member: string;
  readonly topics: readonly string[];
}

/**
 * A list of topics as it will be kept: each trimmed (inner runs of spaces made one), blank ones
 * and case-insensitive repeats dropped, the first spelling kept. Returns a sentence for the
 * person instead when the list is not a list of strings, has more than MAX_EXPERTISE_TOPICS
 * topics or a topic longer than MAX_EXPERTISE_TOPIC_CHARS characters.
 */
export function cleanTopics(value: unknown): { topics: string[] } | { error: string } {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    return { error: '"topics" must be a list of strings, e.g. ["electric circuits", "photosynthesis"]' };
  const topics: string[] = [];
  const seen = new Set<string>();
  const tooLong: number[] = [];
  (value as string[]).forEach((raw, index) => {
    const topic = raw.replace(/\s+/g, ' ').trim();
    if (topic === '') return;
    if ([...topic].length > MAX_EXPERTISE_TOPIC_CHARS) tooLong.push(index + 1);
    const key = topic.toLocaleLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    topics.push(topic);
  });
  if (tooLong.length > 0) {
    return {
      error: `each topic must be at most ${MAX_EXPERTISE_TOPIC_CHARS} characters; ${tooLong.length === 1 ? 'topic' : 'topics'} ${tooLong.join(', ')} ${tooLong.length === 1 ? 'is' : 'are'} longer`,
    };
  }
  if (topics.length > MAX_EXPERTISE_TOPICS) {
    return {
      error: `at most ${MAX_EXPERTISE_TOPICS} topics (got ${topics.length}); keep the ones you are most confident to help with`,
    };
  }
  return { topics };
}

export class ExpertiseStore {
  private readonly upsert: Statement<[string, string, string, number]>;
  private readonly ofMember: Statement<[string], { topics: string }>;
  private readonly ofCluster: Statement<[string], { member: string; topics: string }>;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      'INSERT INTO member_expertise (member, topics, updated_by, updated_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (member) DO UPDATE SET topics = excluded.topics, ' +
        'updated_by = excluded.updated_by, updated_at = excluded.updated_at',
    );
    this.ofMember = db.prepare('SELECT topics FROM member_expertise WHERE member = ?');
    this.ofCluster = db.prepare(
      'SELECT e.member, e.topics FROM member_expertise e JOIN members m ON m.id = e.member ' +
        'WHERE m.cluster = ? AND m.revoked_at IS NULL ORDER BY m.created_at, m.id',
    );
  }

  /** Replaces a member's topics (already cleaned with cleanTopics). */
  set(member: string, topics: readonly string[], by: string): void {
    this.upsert.run(member, JSON.stringify(topics), by, Date.now());
  }

  topicsOf(member: string): string[] {
    const row = this.ofMember.get(member);
    return row === undefined ? [] : parseTopics(row.topics);
  }

  /** The active members of a cluster who named at least one topic, in the order they joined. */
  listCluster(cluster: string): MemberTopics[] {
    return this.ofCluster
      .all(cluster)
      .map((row) => ({ member: row.member, topics: parseTopics(row.topics) }))
      .filter((entry) => entry.topics.length > 0);
  }
}

function parseTopics(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
