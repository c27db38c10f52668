import * as vscode from 'vscode';
import { readCycles } from '../../core/review/reviewDoc';
import type { CycleView } from '../../core/review/types';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import type { ReviewDocs } from './reviewDocs';

export const SNAPSHOT_SCHEME = 'cluster-snapshot';

/** `cluster-snapshot://<cluster>/<round>/<cycle>/cycle-<n>.md`: the plan as it was taught in one cycle. */
export function snapshotUri(known: KnownRound, cycle: CycleView): vscode.Uri {
  return vscode.Uri.from({
    scheme: SNAPSHOT_SCHEME,
    authority: known.clusterId,
    path: `/${known.round.id}/${cycle.id}/cycle-${cycle.n}.md`,
  });
}

/** Lesson-study snapshots, read-only: each cycle's plan as taught, for reading and for diffs. */
export function registerSnapshots(rounds: ClusterRounds, reviews: ReviewDocs): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, {
    async provideTextDocumentContent(uri) {
      const [roundId, cycleId] = uri.path.split('/').filter(Boolean);
      const known = rounds.readable().find((r) => r.round.id === roundId);
      if (!known) return vscode.l10n.t('This observation round is not available on this device.');
      const cycle = readCycles(await reviews.doc(known)).find((c) => c.id === cycleId);
      return cycle?.planSnapshot ?? vscode.l10n.t('This cycle is not in the round (any more).');
    },
  });
}

/** Opens the difference between two cycles of a lesson study, the earlier on the left. */
export async function compareCycles(known: KnownRound, a: CycleView, b: CycleView): Promise<void> {
  const [before, after] = a.n <= b.n ? [a, b] : [b, a];
  await vscode.commands.executeCommand(
    'vscode.diff',
    snapshotUri(known, before),
    snapshotUri(known, after),
    vscode.l10n.t('Lesson study: cycle {0} ↔ cycle {1}', before.n, after.n),
  );
}
