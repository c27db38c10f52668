// What a binding tells the glue (status bar, log) about itself.

/**
 * settled: the editor shows Y.Text. applying: edits are queued or in flight.
 * stalled: the editor refused an edit without having changed (read-only, closed); retried on
 * the next change or retry().
 */
export type BindingState = 'settled' | 'applying' | 'stalled';

export interface BindingStats {
  /** Content changes by the user written to Y.Text. */
  localChanges: number;
  /** Of those, the ones mapped through changes the editor did not show yet. */
  localChangesWhilePending: number;
  /** Y.Text changes by others (or by undo/redo) queued for the editor. */
  remoteChanges: number;
  /** applyEdits calls that the editor accepted, and the replacements in them. */
  appliedBatches: number;
  appliedEdits: number;
  /**
   * Edits of the teacher's that matched, character for character, the edit we had in flight
   * (the editor then refused ours); each reached Y.Text as hers once the editor answered.
   */
  userEditsLikeOurs: number;
  /** applyEdits calls that resolved false (the document moved first); they are retried. */
  rejectedApplies: number;
  /** Things VS Code's contract rules out; each is reported through onDidDetectAnomaly. */
  anomalies: number;
}

export function emptyStats(): BindingStats {
  return {
    localChanges: 0,
    localChangesWhilePending: 0,
    remoteChanges: 0,
    appliedBatches: 0,
    appliedEdits: 0,
    rejectedApplies: 0,
    userEditsLikeOurs: 0,
    anomalies: 0,
  };
}
