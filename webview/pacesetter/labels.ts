import type { SchoolProgress } from '../../core/pacesetter/behind';
import type { CoverageStatus } from '../../core/pacesetter/types';
import { format, type PaceSetterStrings } from './strings';

// Words for coverage states and a school's pace, shared by the grid and the coverage form.

export function statusText(s: PaceSetterStrings, status: CoverageStatus): string {
  return {
    'not-started': s.statusNotStarted,
    taught: s.statusTaught,
    'partly-taught': s.statusPartlyTaught,
    skipped: s.statusSkipped,
  }[status];
}

export function progressText(s: PaceSetterStrings, p: SchoolProgress): string {
  if (p.weeksBehind === 0) return s.onPace;
  return p.weeksBehind === 1 ? s.weekBehind : format(s.weeksBehind, p.weeksBehind);
}
