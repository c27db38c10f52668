import { describe, expect, it } from 'vitest';
import { whoKnows } from '../../../core/pacesetter/expertise';
import type { Expertise } from '../../../core/pacesetter/types';

const members: Expertise[] = [
  {
    memberId: 'm1',
    name: 'Thandi Nkosi',
    school: 'Kwaggafontein',
    topics: ['Electric circuits', 'Photosynthesis'],
  },
  { memberId: 'm2', name: 'Sipho Mahlangu', school: 'Siyabuswa', topics: ['circuits', 'Art of questioning'] },
  {
    memberId: 'm3',
    name: 'Zainab Bibi',
    school: 'Hala',
    topics: ['ضیائی تالیف', 'Particle model of matter'],
  },
];

const names = (topic: string | string[]) => whoKnows(members, topic).map((m) => m.member.name);

describe('Who in the cluster has expertise in a topic', () => {
  it('matches a member\u2019s phrase inside the topic, ignoring case', () => {
    expect(names('ELECTRIC CIRCUITS and current')).toEqual(['Sipho Mahlangu', 'Thandi Nkosi']);
  });

  it('matches a topic inside a member\u2019s phrase', () => {
    expect(names('Particle model')).toEqual(['Zainab Bibi']);
  });

  it('matches whole words only: "art" is not in "particles"', () => {
    expect(names('Particles in art')).toEqual([]);
    expect(names('Art')).toEqual(['Sipho Mahlangu']);
  });

  it('an exact match ranks first and says which topics matched', () => {
    const [first] = whoKnows(members, 'Circuits');
    expect(first).toMatchObject({ member: { name: 'Sipho Mahlangu' }, topics: ['circuits'], exact: true });
  });

  it('works in Urdu script and with punctuation around words', () => {
    expect(names('ضیائی تالیف (پودے)')).toEqual(['Zainab Bibi']);
    expect(names('Photosynthesis: light & leaves')).toEqual(['Thandi Nkosi']);
  });

  it('looks at sub-topics too, and an empty topic matches nobody', () => {
    expect(names(['Plants', 'photosynthesis'])).toEqual(['Thandi Nkosi']);
    expect(names('  ')).toEqual([]);
  });
});
