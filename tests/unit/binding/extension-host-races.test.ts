// Two or three teachers type into one plan while every editor is split as VS Code splits it:
// keystrokes change the renderer's model at once and reach the binding's copy later; our edits
// travel the other way, guarded by the version the extension host knew, and may lose the race.
// Seeded: a failing seed replays exactly (`SEEDS=1234 npx vitest run ...` runs one).
// Before the fix, the hostile profile duplicated text in 33 of 40 seeds, and VS Code's own
// trim-in-our-batch alone (extraChangeInBatch) in 28 of 40: our edit, echoed back as the user's.

import { describe, expect, it } from 'vitest';
import type { EndOfLine } from '../../../core/binding/editorDocument';
import { FAITHFUL, HOSTILE, type RaceProfile } from './extensionHost';
import { type Random, seededRandom } from './random';
import { editorTextAsLf, settleAll } from './replica';
import { type Outcome, type Step, simulate } from './simulation';

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Mostly short keystrokes, some pastes and deletes, deliveries and waits in between. */
function randomSteps(random: Random, replicas: number, count: number): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const replica = Math.floor(random() * replicas);
    if (roll < 0.55) {
      const paste = random() < 0.1;
      steps.push({
        kind: 'edit',
        replica,
        cursors: random() < 0.1 ? [random(), random()] : [random()],
        deleteLength: random() < 0.25 ? 1 + Math.floor(random() * (paste ? 20 : 3)) : 0,
        insertLength: paste ? Math.floor(random() * 12) : Math.floor(random() * 3),
        lineBreaks: random() < 0.1 ? 1 : 0,
        pasteCrlf: random() < 0.5,
      });
    } else if (roll < 0.75) {
      steps.push({ kind: 'deliver', count: 1 + Math.floor(random() * 3) });
    } else if (roll < 0.97) {
      steps.push({ kind: 'tick', count: 1 + Math.floor(random() * 2) });
    } else if (roll < 0.985) {
      steps.push({ kind: 'dirty', replica });
    } else {
      steps.push({ kind: 'switchEol', replica });
    }
  }
  return steps;
}

interface RunResult {
  edits: number;
  rejected: number;
  whilePending: number;
  hostLog: Record<string, number>;
}

/** Runs one seed to the end; throws with the seed in the message when anything diverged. */
async function runSeed(seed: number, profile: RaceProfile, steps: number): Promise<RunResult> {
  const faithful = profile === FAITHFUL;
  const random = seededRandom(seed);
  const replicaCount = 2 + Math.floor(random() * 2);
  const eols = Array.from({ length: replicaCount }, () => pick<EndOfLine>(random, ['\n', '\r\n']));
  const outcome = await simulate({
    seed,
    eols,
    steps: randomSteps(random, replicaCount, steps),
    staleEditor: random() < 0.2,
    race: profile,
  });
  try {
    await settleAll(outcome.replicas, outcome.network);
    expectOneTextEverywhere(outcome);
    expectEveryCharacterOnce(outcome);
    for (const { binding, anomalies } of outcome.replicas) {
      // Converged by the binding itself, not by the safety net's repairs.
      expect(binding.verify()).toBe('inSync');
      expect(binding.stats.mismatches).toBe(0);
      expect(binding.stats.repairs).toBe(0);
      // Within VS Code's contract, nothing unexpected happens at all.
      if (faithful) expect(anomalies).toEqual([]);
    }
    const hostLog: Record<string, number> = {};
    let rejected = 0;
    let whilePending = 0;
    for (const replica of outcome.replicas) {
      for (const [key, value] of Object.entries(replica.extensionHost!.log))
        hostLog[key] = (hostLog[key] ?? 0) + value;
      rejected += replica.binding.stats.rejectedApplies;
      whilePending += replica.binding.stats.localChangesWhilePending;
    }
    return { edits: outcome.edits, rejected, whilePending, hostLog };
  } catch (error) {
    throw new Error(`seed ${seed}: ${String(error)}`);
  } finally {
    for (const replica of outcome.replicas) replica.dispose();
  }
}

function expectOneTextEverywhere(outcome: Outcome): void {
  const shared = outcome.replicas[0]!.ytext.toString();
  for (const replica of outcome.replicas) {
    expect(replica.binding.state).toBe('settled');
    expect(replica.ytext.toString()).toBe(shared);
    // The renderer (what the teacher sees) and the extension host's copy, both.
    expect(editorTextAsLf(replica)).toBe(shared);
    expect(replica.extensionHost!.getText()).toBe(replica.editor.getText());
  }
}

/** Every character was typed once (see UniqueChars): it survives once unless someone deleted it. */
function expectEveryCharacterOnce(outcome: Outcome): void {
  const typed = new Set(outcome.typed);
  for (const replica of outcome.replicas)
    for (const text of replica.extensionHost!.extraTyped) for (const ch of text) typed.add(ch);
  const text = outcome.replicas[0]!.ytext.toString();
  const survivors = [...text].filter((ch) => ch !== '\n');
  const duplicated = survivors.filter((ch, i) => survivors.indexOf(ch) !== i);
  expect(duplicated, 'duplicated characters').toEqual([]);
  const lost = [...typed].filter((ch) => !outcome.deleted.has(ch) && !survivors.includes(ch));
  expect(lost, 'lost characters').toEqual([]);
  const unknown = survivors.filter((ch) => !typed.has(ch));
  expect(unknown, 'characters nobody typed').toEqual([]);
}

function seeds(from: number, count: number): number[] {
  const only = process.env.SEEDS;
  if (only !== undefined && only !== '') return only.split(',').map(Number);
  return Array.from({ length: count }, (_, i) => from + i);
}

async function runAll(profile: RaceProfile, seedList: readonly number[], steps: number): Promise<RunResult> {
  const total: RunResult = { edits: 0, rejected: 0, whilePending: 0, hostLog: {} };
  const failures: string[] = [];
  for (const seed of seedList) {
    try {
      const result = await runSeed(seed, profile, steps);
      total.edits += result.edits;
      total.rejected += result.rejected;
      total.whilePending += result.whilePending;
      for (const [key, value] of Object.entries(result.hostLog))
        total.hostLog[key] = (total.hostLog[key] ?? 0) + value;
    } catch (error) {
      failures.push(String(error).slice(0, 600));
    }
  }
  expect(failures).toEqual([]);
  return total;
}

describe('teachers typing while the extension host lags behind the renderer', () => {
  it('converge, with every keystroke kept once, when VS Code delivers as it does', async () => {
    const total = await runAll(FAITHFUL, seeds(1, 40), 150);
    console.info(`faithful: ${JSON.stringify(total)}`);
    // The races really happened: keystrokes beat our edits to the renderer.
    expect(total.edits).toBeGreaterThan(2000);
    expect(total.hostLog.rejected).toBeGreaterThan(50);
  }, 60_000);

  // For exploring: PROBE='{"mergeEvents":0.5}' PROBE_SEEDS=300 runs a profile of one's own.
  it.skipIf(process.env.PROBE === undefined)(
    'converge under the profile in PROBE',
    async () => {
      const profile = { ...FAITHFUL, ...JSON.parse(process.env.PROBE ?? '{}') };
      const total = await runAll(profile, seeds(5001, Number(process.env.PROBE_SEEDS ?? 40)), 150);
      console.info(`probe: ${JSON.stringify(total)}`);
    },
    60_000,
  );

  it('converge even when events merge, replies overtake events and applied edits are reported as failed', async () => {
    const total = await runAll(HOSTILE, seeds(1001, 40), 150);
    console.info(`hostile: ${JSON.stringify(total)}`);
    expect(total.edits).toBeGreaterThan(2000);
    expect(total.hostLog.merged).toBeGreaterThan(20);
    expect(total.hostLog.extraChanges).toBeGreaterThan(20);
    expect(total.hostLog.overtaken).toBeGreaterThan(20);
    expect(total.hostLog.falseAfterApply).toBeGreaterThan(10);
  }, 60_000);
});
