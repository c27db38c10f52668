import * as vscode from 'vscode';
import type { Role } from '../../core/cluster/roles';

export function roleLabel(role: Role): string {
  switch (role) {
    case 'leader':
      return vscode.l10n.t('cluster leader');
    case 'advisor':
      return vscode.l10n.t('subject advisor');
    case 'teacher':
      return vscode.l10n.t('teacher');
  }
}
