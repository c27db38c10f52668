import { describe, expect, it } from 'vitest';
import { clip, codePoints } from '../../../core/review/clipText';
import { roundSummary } from '../../../core/review/roundSummary';
import { ayesha, sipho } from './fixture';
import { recordOf } from './record';

const hasLoneSurrogate = (s: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('The summary of a round fits one text message', () => {
  it('says who was observed when, how much feedback of each kind, the next step and that it is developmental', () => {
    expect(roundSummary(recordOf())).toBe(
      'Obs 12 Mar Sipho Mahlangu Gr8 NS: 3 strengths, 2 suggestions. Next: pair talk (Sipho Mahlangu, 20 Mar) +1 more. Developmental.',
    );
  });

  it('names the open step due soonest, and says when every step is done', () => {
    const input = recordOf({
      steps: [
        ['bring sand', ayesha, '2027-03-25'],
        ['pair talk', sipho, '2027-03-15'],
      ],
      round: { developmental: false },
    });
    expect(roundSummary(input)).toContain('Next: pair talk (Sipho Mahlangu, 15 Mar) +1 more.');
    expect(roundSummary(input)).not.toContain('Developmental');
    const done = {
      ...input,
      steps: input.steps.map((s) => ({ ...s, status: 'done' as const, outcome: 'ok' })),
    };
    expect(roundSummary(done)).toBe(
      'Obs 12 Mar Sipho Mahlangu Gr8 NS: 3 strengths, 2 suggestions. All next steps done.',
    );
  });

  it('with long names in Zulu, Urdu and emoji it stays within 160 code points and keeps counts, step and "developmental"', () => {
    const teacher = { id: 'm-t', name: 'Nomathemba Sibongile Mahlangu-Nkosi 👩🏾‍🏫🇿🇦' };
    const owner = { id: 'm-o', name: 'محمد عارف سومرو 🙂 Soomro-Shaikh' };
    const input = recordOf({
      round: {
        teacher: teacher.id,
        className: 'Grade 8 Natural Sciences — ibanga lesi-8 🧪',
        developmental: true,
      },
      names: new Map([[teacher.id, teacher.name]]),
      steps: [[`Sebenzisa ukukhuluma ngababili 🗣️👥 ${'نوٹ '.repeat(60)}`, owner, '2027-03-20']],
    });
    const summary = roundSummary(input);
    expect(codePoints(summary)).toBeLessThanOrEqual(160);
    expect(hasLoneSurrogate(summary)).toBe(false);
    expect(summary).toContain('3 strengths, 2 suggestions');
    expect(summary).toContain('Next: Sebenzisa');
    expect(summary).toContain('…');
    expect(summary).toContain('20 Mar');
    expect(summary.endsWith('Developmental.')).toBe(true);
  });

  it('never exceeds a shorter limit, and never cuts an emoji in half', () => {
    const input = recordOf({ steps: [['🧪'.repeat(200), sipho, '2027-03-20']] });
    for (const max of [160, 120, 90, 70, 50, 30, 12]) {
      const s = roundSummary(input, max);
      expect(codePoints(s)).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(s)).toBe(false);
    }
    expect(roundSummary(input, 90)).toContain('strengths');
  });

  it('a round with no feedback yet says so', () => {
    expect(roundSummary(recordOf({ feedback: [], steps: [] }))).toBe(
      'Obs 12 Mar Sipho Mahlangu Gr8 NS: no feedback yet. Developmental.',
    );
  });

  it('clipping counts code points and keeps a flag or a skin-toned emoji whole', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    const flag = '🇿🇦🇿🇦🇿🇦';
    expect(clip(flag, 4)).toBe('🇿🇦…');
    expect(codePoints(clip('👩🏾👩🏾👩🏾', 4))).toBeLessThanOrEqual(4);
    expect(clip('👩🏾👩🏾👩🏾', 4)).toBe('👩🏾…');
  });
});
