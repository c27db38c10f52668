// Seeds the demo cluster's documents through the real sync protocol, as the cluster leader.
// Called once by scripts/start.mjs; it is only ever run on an empty, freshly created cluster.
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { writeFrontMatter } from '../core/plan/frontMatter';
import { planText } from '../core/plan/planDoc';

interface Demo {
  readonly clusterId: string;
  readonly leaderToken: string;
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

export async function seedDemoDocuments({
  serverUrl,
  demo,
}: {
  serverUrl: string;
  demo: Demo;
}): Promise<void> {
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
}
