import * as vscode from 'vscode';
import type { DiscussionPart, FeedbackKind, FocusArea, RoundStatus } from '../../core/review/types';

// The words of observation in the teacher's language. Kept in one place so that the comment
// threads, the views, the record on paper and the quick picks all say the same thing.

export function focusLabel(focus: FocusArea): string {
  switch (focus) {
    case 'content':
      return vscode.l10n.t('Content knowledge');
    case 'pedagogy':
      return vscode.l10n.t('Pedagogy');
    case 'pck':
      return vscode.l10n.t('Pedagogical content knowledge');
    case 'learners':
      return vscode.l10n.t('Learners');
    case 'resources':
      return vscode.l10n.t('Resources');
    case 'assessment':
      return vscode.l10n.t('Assessment');
  }
}

export function kindLabel(kind: FeedbackKind): string {
  switch (kind) {
    case 'evidence':
      return vscode.l10n.t('Evidence');
    case 'strength':
      return vscode.l10n.t('Strength');
    case 'suggestion':
      return vscode.l10n.t('Suggestion');
    case 'question':
      return vscode.l10n.t('Question');
  }
}

export function kindHint(kind: FeedbackKind): string {
  switch (kind) {
    case 'evidence':
      return vscode.l10n.t('What you saw or heard, without judging it');
    case 'strength':
      return vscode.l10n.t('What worked for the learners');
    case 'suggestion':
      return vscode.l10n.t('Something to try next time');
    case 'question':
      return vscode.l10n.t('Something to talk about after the lesson');
  }
}

export function partLabel(part: DiscussionPart): string {
  switch (part) {
    case 'teacher':
      return vscode.l10n.t('1. The teacher reflects');
    case 'planners':
      return vscode.l10n.t('2. The planners');
    case 'observers':
      return vscode.l10n.t('3. The observers');
  }
}

export function statusLabel(status: RoundStatus): string {
  switch (status) {
    case 'proposed':
      return vscode.l10n.t('proposed, waiting for the teacher');
    case 'open':
      return vscode.l10n.t('open');
    case 'declined':
      return vscode.l10n.t('declined');
    case 'completed':
      return vscode.l10n.t('completed');
  }
}

export function kindIcon(kind: FeedbackKind): string {
  switch (kind) {
    case 'evidence':
      return 'eye';
    case 'strength':
      return 'thumbsup';
    case 'suggestion':
      return 'lightbulb';
    case 'question':
      return 'question';
  }
}
