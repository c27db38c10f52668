// Seeds the demo cluster's documents through the real sync protocol, as the cluster leader.
// Called once by scripts/start.mjs; it is only ever run on an empty, freshly created cluster.
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { writeFrontMatter } from '../core/plan/frontMatter';
import { planText } from '../core/plan/planDoc';
import { setCoverage } from '../core/pacesetter/coverage';
import { addEntry, setMeta } from '../core/pacesetter/edits';
import { addDays, localIsoDate, mondayOf } from '../core/pacesetter/isoDate';
import { paceSetterId, readPaceSetter } from '../core/pacesetter/model';
import { PaceSetterOrigin } from '../core/pacesetter/origin';
import { addNonTeachingDays, addTerm } from '../core/pacesetter/termEdits';
import { thisWeek } from '../core/pacesetter/thisWeek';
import type { CoverageStatus, NewEntry, PaceSetterView } from '../core/pacesetter/types';
import { registerInCluster } from '../extension/pacesetter/registry';
import { type DemoMember, seedObservationRound } from './demoObservation';

interface Demo {
  readonly clusterId: string;
  readonly leaderToken: string;
  readonly leader?: { readonly name: string };
  /** In the order of `cluster create --school`: Mbuzini, then Tonga. */
  readonly schools: readonly { readonly id: string; readonly name: string }[];
  /** Invite codes by role, as `cluster create` printed them. */
  readonly invites?: Readonly<Record<string, string>>;
}

const SAMPLE_PLAN = `# Photosynthesis: what plants need to make food

## Objectives
By the end of the lesson learners can:
- name the raw materials and products of photosynthesis;
- write the word equation for photosynthesis;
- explain why a leaf kept in the dark has no starch.

## Resources
- Potted plant and a leaf covered with foil for two days (no cost)
- Iodine solution, methylated spirits, a beaker and hot water (low cost)
- Chart of a leaf cross-section

## Introduction (10 min)
Ask: "Where does a tree get the material to grow so big?" Write learners' ideas on the board.

## Development (25 min)
1. Demonstrate the starch test on a sunlit leaf and on the covered leaf.
2. Learners record the colour change in a table.
3. Build the word equation together: carbon dioxide + water → glucose + oxygen (light, chlorophyll).

## Consolidation (5 min)
Learners explain the result of the covered leaf to a partner.

## Assessment
Informal: exit slip with the word equation.

## Homework
Workbook page 42, questions 1–4.
`;

function connect(serverUrl: string, name: string, token: string): Promise<WebsocketProvider> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, name, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`could not sync ${name} with ${serverUrl}`)), 15_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve(provider);
    });
  });
}

/** Waits until the server has every local update (y-websocket keeps sending until it does). */
async function settle(provider: WebsocketProvider): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  provider.destroy();
}

// The demo pace-setter: Natural Sciences Grade 8 of this year, one term around today (today falls
// in its week 6), eight weeks of the CAPS topics of that term, one common test in week 8.
// Mbuzini is on pace; Tonga is stuck at week 3 (partly taught, with a catch-up plan), so the
// cluster grid shows it weeks behind.

type Topic = [topic: string, reference: string, subTopics: string[]];

/** CAPS Natural Sciences Grade 8, by term (the strand each term teaches). */
const CAPS_GRADE_8: Record<number, Topic[]> = {
  1: [
    ['Photosynthesis', 'CAPS p. 45', ['Raw materials and products', 'Word equation', 'Starch test']],
    ['Respiration', 'CAPS p. 46', ['Aerobic respiration', 'Word equation']],
    ['Balancing the atmosphere', 'CAPS p. 46', ['Oxygen and carbon dioxide in the air']],
    ['Ecosystems and habitats', 'CAPS p. 47', ['Biotic and abiotic factors']],
    ['Food chains and food webs', 'CAPS p. 47', ['Producers, consumers, decomposers']],
    ['Adaptation and competition', 'CAPS p. 48', ['Structural and behavioural adaptations']],
    ['Micro-organisms', 'CAPS p. 49', ['Viruses, bacteria, protists, fungi']],
    ['Useful and harmful micro-organisms', 'CAPS p. 49', ['Fermentation', 'Disease']],
  ],
  2: [
    ['Atoms as building blocks', 'CAPS p. 51', ['Sub-atomic particles']],
    ['Elements and the periodic table', 'CAPS p. 51', ['Names and symbols of the first 20']],
    ['Compounds and chemical formulae', 'CAPS p. 52', ['Molecules of elements and compounds']],
    ['The particle model of matter', 'CAPS p. 52', ['Solids, liquids and gases']],
    ['Expansion and contraction', 'CAPS p. 53', ['Heating and cooling of particles']],
    ['Density', 'CAPS p. 53', ['Mass and volume', 'Floating and sinking']],
    ['Pressure', 'CAPS p. 54', ['Pressure in gases']],
    ['Chemical reactions', 'CAPS p. 54', ['Reactants and products', 'Word equations']],
  ],
  3: [
    ['Static electricity', 'CAPS p. 56', ['Charging by friction', 'Attraction and repulsion']],
    ['Energy transfer in electrical systems', 'CAPS p. 57', ['Components of a circuit']],
    ['Series and parallel circuits', 'CAPS p. 57', ['Circuit diagrams']],
    ['Resistance', 'CAPS p. 58', ['Factors affecting resistance']],
    ['Effects of an electric current', 'CAPS p. 58', ['Heating, magnetic and chemical effects']],
    ['Mains electricity and safety', 'CAPS p. 59', ['Fuses and earthing']],
    ['Visible light', 'CAPS p. 59', ['The spectrum', 'Reflection and refraction']],
    ['Seeing light', 'CAPS p. 60', ['The eye and how we see']],
  ],
  4: [
    ['The Solar System', 'CAPS p. 62', ['The Sun, planets and moons']],
    ['The Moon and its phases', 'CAPS p. 62', ['Why the Moon has phases']],
    ['Tides', 'CAPS p. 63', ['Gravity of the Moon and Sun']],
    ['Beyond the Solar System', 'CAPS p. 63', ['Stars and galaxies', 'Light-years']],
    ['The Milky Way', 'CAPS p. 64', ['Our place in the galaxy']],
    ['Looking into space', 'CAPS p. 64', ['Telescopes']],
    ['Space exploration', 'CAPS p. 65', ['SALT and the SKA in South Africa']],
    ['Revision: Planet Earth and Beyond', 'CAPS p. 65', ['Preparing for the common test']],
  ],
};

const COVERED: Record<string, { taught: number; partly?: { week: number; note: string; catchUp: string } }> =
  {
    mbuzini: { taught: 5 },
    tonga: {
      taught: 2,
      partly: {
        week: 3,
        note: 'Two weeks of teaching lost to the water outage.',
        catchUp: 'Saturday classes for weeks 3 and 4 before the common test.',
      },
    },
  };

async function seedPaceSetter(serverUrl: string, demo: Demo): Promise<PaceSetterView> {
  const origin = new PaceSetterOrigin('demo');
  const today = localIsoDate(new Date());
  const meta = { subject: 'Natural Sciences', grade: '8', year: Number(today.slice(0, 4)) };
  const id = paceSetterId(meta);
  const ps = await connect(serverUrl, `${demo.clusterId}/pacesetter/${id}`, demo.leaderToken);
  if (readPaceSetter(ps.doc, id).entries.length === 0) {
    const month = Number(today.slice(5, 7));
    const term = Math.min(4, Math.ceil(month / 3));
    const start = mondayOf(addDays(today, -35));
    setMeta(ps.doc, meta, origin);
    addTerm(ps.doc, { number: term, start, end: addDays(start, 8 * 7 + 4) }, origin);
    const termId = readPaceSetter(ps.doc, id).terms[0]!.id;
    addNonTeachingDays(ps.doc, termId, { from: addDays(start, 11), label: 'Cluster moderation day' }, origin);
    CAPS_GRADE_8[term]!.forEach(([topic, reference, subTopics], i) => {
      const entry: NewEntry = {
        term,
        week: i + 1,
        topic,
        reference,
        subTopics,
        hours: 3,
        informalAssessment: 'Class work and an exit slip',
        resources: ['Textbook (no-cost)', 'Worksheet (low-cost)'],
        ...(i === 7
          ? { formal: { type: 'Test', weight: 25, date: addDays(start, 7 * 7 + 2), common: true } }
          : {}),
      };
      addEntry(ps.doc, entry, origin);
    });
  }
  const view = readPaceSetter(ps.doc, id);
  await settle(ps);

  // Coverage: weeks taught on their Friday, as each school's record would say.
  const [mbuzini, tonga] = demo.schools;
  for (const [school, plan] of [
    [mbuzini, COVERED.mbuzini!],
    [tonga, COVERED.tonga!],
  ] as const) {
    if (!school) continue;
    const cov = await connect(serverUrl, `${demo.clusterId}/coverage/${school.id}`, demo.leaderToken);
    const monday = view.terms[0] ? mondayOf(view.terms[0].start) : today;
    for (const entry of view.entries) {
      const friday = addDays(monday, (entry.week - 1) * 7 + 4);
      const partly = plan.partly?.week === entry.week ? plan.partly : undefined;
      const status: CoverageStatus | undefined =
        entry.week <= plan.taught ? 'taught' : partly ? 'partly-taught' : undefined;
      if (!status) continue;
      setCoverage(
        cov.doc,
        view,
        {
          entryId: entry.id,
          status,
          completedOn: friday,
          ...(partly ? { note: partly.note, catchUp: partly.catchUp } : {}),
        },
        { name: demo.leader?.name ?? 'Thandi Mokoena', now: Date.now(), today },
        origin,
      );
    }
    await settle(cov);
  }

  // Listed in the cluster record, so "Open Pace-Setter" and "This Week" find it.
  const clusterMeta = await connect(serverUrl, `${demo.clusterId}/meta`, demo.leaderToken);
  registerInCluster(clusterMeta.doc, id, meta, origin);
  await settle(clusterMeta);
  return view;
}

// Member expertise ("Set My Expertise…"), so This Week and the pace-setter say who can help.
// The pace-setter is built around today, so this week's topic depends on the term: the member
// whose subject strand it is (Lerato life sciences, Sipho matter and energy, Thandi the rest)
// also names this week's topic, so at least one colleague shows up as able to help.

const EXPERTISE = {
  leader: ['assessment', 'CAPS'],
  lerato: ['photosynthesis', 'starch test', 'practical work safety'],
  sipho: ['electric circuits', 'series and parallel circuits'],
};
const STRAND_EXPERT: Record<number, keyof typeof EXPERTISE> = {
  1: 'lerato',
  2: 'sipho',
  3: 'sipho',
  4: 'leader',
};

async function setExpertise(httpUrl: string, token: string, topics: readonly string[]): Promise<void> {
  const response = await fetch(`${httpUrl}/api/me/expertise`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ topics }),
  });
  if (!response.ok) throw new Error(`setting expertise: ${response.status} ${await response.text()}`);
}

/** Each member's topics, with this week's topic added to its strand's expert (the leader when alone). */
function demoExpertise(
  view: PaceSetterView,
  withTeachers: boolean,
): Record<keyof typeof EXPERTISE, string[]> {
  const now = thisWeek(view, localIsoDate(new Date())).entries[0] ?? view.entries.find((e) => e.week === 6);
  const expert = withTeachers ? STRAND_EXPERT[now?.term ?? 1]! : 'leader';
  const topics = {
    leader: [...EXPERTISE.leader],
    lerato: [...EXPERTISE.lerato],
    sipho: [...EXPERTISE.sipho],
  };
  if (now) topics[expert].push(now.topic.toLowerCase());
  return topics;
}

export async function seedDemoDocuments({
  serverUrl,
  demo,
}: {
  serverUrl: string;
  demo: Demo;
}): Promise<Omit<DemoMember, 'token'>[]> {
  const plan = await connect(serverUrl, `${demo.clusterId}/plan/photosynthesis-gr8`, demo.leaderToken);
  const text = planText(plan.doc);
  if (text.length === 0) {
    const frontMatter = writeFrontMatter({
      title: 'Photosynthesis: what plants need to make food',
      subject: 'Natural Sciences',
      grade: '8',
      term: 2,
      week: 3,
      school: 'Mbuzini Secondary School',
      teacher: 'Thandi Mokoena',
      duration: '40 min',
      template: 'caps',
    });
    text.insert(0, `${frontMatter}\n${SAMPLE_PLAN}`);
  }
  await settle(plan);
  const view = await seedPaceSetter(serverUrl, demo);
  const httpUrl = serverUrl.replace(/^ws/, 'http');
  const teacherInvite = demo.invites?.teacher;
  const expertise = demoExpertise(view, teacherInvite !== undefined);
  await setExpertise(httpUrl, demo.leaderToken, expertise.leader);
  if (!teacherInvite) return [];
  const members = await seedObservationRound({
    httpUrl,
    clusterId: demo.clusterId,
    leaderToken: demo.leaderToken,
    teacherInvite,
    planId: 'photosynthesis-gr8',
    schools: demo.schools,
    connect: (name, token) => connect(serverUrl, name, token),
    settle,
  });
  const [sipho, lerato] = members;
  if (sipho) await setExpertise(httpUrl, sipho.token, expertise.sipho);
  if (lerato) await setExpertise(httpUrl, lerato.token, expertise.lerato);
  // Their ids and names only: a token never goes into demo.json beyond the leader's own.
  return members.map(({ id, name, school }) => ({ id, name, school }));
}
