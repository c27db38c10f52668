// The demo cluster's observation round, seeded once through the server's API and the ordinary
// sync protocol: Sipho (Tonga) invited Lerato (Mbuzini) into his photosynthesis lesson a week
// ago; her feedback sits on the plan's lines, the discussion is written, one next step is done
// and one is still open, the round is completed and shared with the cluster leader.
import type { WebsocketProvider } from 'y-websocket';
import { addDays, localIsoDate } from '../core/pacesetter/isoDate';
import { planText } from '../core/plan/planDoc';
import {
  addNextStep,
  addThread,
  closeNextStep,
  discussionText,
  replyToThread,
  setThreadResolved,
} from '../core/review/reviewDoc';
import type { FeedbackKind, FocusArea, Person } from '../core/review/types';

type Api = (token: string, method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

export interface DemoMember {
  readonly id: string;
  readonly name: string;
  readonly school: string;
  readonly token: string;
}

export interface SeedRoundOptions {
  readonly httpUrl: string;
  readonly clusterId: string;
  readonly leaderToken: string;
  readonly teacherInvite: string;
  readonly planId: string;
  readonly schools: readonly { readonly id: string; readonly name: string }[];
  readonly connect: (name: string, token: string) => Promise<WebsocketProvider>;
  readonly settle: (provider: WebsocketProvider) => Promise<void>;
}

function apiOf(httpUrl: string): Api {
  return async (token, method, path, body) => {
    const response = await fetch(`${httpUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${String(json.error)}`);
    return json;
  };
}

const FEEDBACK: readonly { line: string; kind: FeedbackKind; focus: FocusArea; body: string }[] = [
  {
    line: 'Learners record the colour change in a table.',
    kind: 'strength',
    focus: 'learners',
    body: 'Every group filled in the table, and the covered leaf surprised them: three learners asked why.',
  },
  {
    line: 'Demonstrate the starch test on a sunlit leaf and on the covered leaf.',
    kind: 'suggestion',
    focus: 'pedagogy',
    body: 'Let the groups **predict** the colour of each leaf before the test, and write the predictions on the board.',
  },
  {
    line: 'Iodine solution, methylated spirits, a beaker and hot water (low cost)',
    kind: 'question',
    focus: 'resources',
    body: 'How was the methylated spirits warmed? A bath of hot water from the kettle is safer than a flame.',
  },
];

export async function seedObservationRound(options: SeedRoundOptions): Promise<DemoMember[]> {
  const api = apiOf(options.httpUrl);
  const join = async (name: string, school: string): Promise<DemoMember> => {
    const joined = await fetch(`${options.httpUrl}/api/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ invite: options.teacherInvite, name, school }),
    });
    const json = (await joined.json()) as { token: string; member: { id: string } };
    if (!joined.ok) throw new Error(`joining as ${name}: ${joined.status}`);
    return { id: json.member.id, name, school, token: json.token };
  };
  const [mbuzini, tonga] = options.schools;
  const sipho = await join('Sipho Mahlangu', tonga?.name ?? 'Tonga Combined School');
  const lerato = await join('Lerato Khumalo', mbuzini?.name ?? 'Mbuzini Secondary School');
  const leader = (await api(options.leaderToken, 'GET', '/api/me')).member as { id: string; name: string };

  const today = localIsoDate(new Date());
  const { round } = (await api(sipho.token, 'POST', '/api/rounds', {
    plan: options.planId,
    observers: [lerato.id],
    date: addDays(today, -7),
    className: 'Grade 8A',
    focusQuestions: [
      'Do all learners get to explain the result of the starch test?',
      'Is the practical safe with methylated spirits?',
    ],
  })) as { round: { id: string; doc: string } };
  await api(sipho.token, 'POST', `/api/rounds/${round.id}/share`, { members: [leader.id] });

  const siphoPerson: Person = { id: sipho.id, name: sipho.name };
  const leratoPerson: Person = { id: lerato.id, name: lerato.name };
  const plan = await options.connect(`${options.clusterId}/plan/${options.planId}`, lerato.token);
  const review = await options.connect(round.doc, lerato.token);
  const lessonAt = Date.parse(`${addDays(today, -7)}T10:00:00Z`);
  const text = planText(plan.doc).toString();
  const ids: string[] = [];
  FEEDBACK.forEach((f, i) => {
    const start = text.indexOf(f.line);
    if (start < 0) return;
    ids.push(
      addThread(review.doc, plan.doc, {
        start,
        end: start + f.line.length,
        kind: f.kind,
        focus: f.focus,
        body: f.body,
        author: leratoPerson,
        at: lessonAt + i * 60_000,
      }),
    );
  });
  const suggestion = ids[1];
  if (suggestion) {
    replyToThread(review.doc, suggestion, {
      body: 'Yes. I will put a prediction column in the table next time.',
      author: siphoPerson,
      at: lessonAt + 3 * 3_600_000,
    });
    setThreadResolved(review.doc, suggestion, true, siphoPerson);
  }
  discussionText(review.doc, 'teacher').insert(
    0,
    'The practical worked, but I talked too long before it. Learners at the back could not see the leaves.\n',
  );
  discussionText(review.doc, 'observers').insert(
    0,
    'Strong use of the covered leaf. Predictions first would make every learner commit to an answer.\n',
  );
  const done = addNextStep(review.doc, {
    text: 'Share the prediction table with the cluster',
    owner: leratoPerson,
    due: addDays(today, -2),
    at: lessonAt + 4 * 3_600_000,
  });
  closeNextStep(
    review.doc,
    done,
    'Shared at the cluster meeting; Tonga and Mbuzini both use it now.',
    leratoPerson,
    Date.now(),
  );
  addNextStep(review.doc, {
    text: 'Warm the methylated spirits in a hot-water bath, never over a flame',
    owner: siphoPerson,
    supporter: leratoPerson,
    due: addDays(today, 7),
    at: lessonAt + 4 * 3_600_000,
  });
  await options.settle(review);
  await options.settle(plan);
  await api(sipho.token, 'PATCH', `/api/rounds/${round.id}`, { status: 'completed' });
  return [sipho, lerato];
}
