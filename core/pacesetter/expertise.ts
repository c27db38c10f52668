import type { Expertise } from './types';

// "Who in the cluster can help with this topic?" Members write their expertise in their own
// words ("electric circuits", "Photosynthesis", "ٹیسٹ"), so a match is a case-insensitive match
// of whole words: the member's phrase inside the topic ("Electric circuits and current" needs
// "electric circuits") or the topic inside the member's phrase ("Circuits" is covered by
// "electric circuits"). Whole words, so "art" never matches "particles".

export interface ExpertiseMatch {
  readonly member: Expertise;
  /** The member's topics that matched, as they wrote them. */
  readonly topics: readonly string[];
  /** True when a phrase matched the topic exactly, which ranks the member first. */
  readonly exact: boolean;
}

/** Lower case, accents and punctuation removed, words separated by one space; any script. */
export function normaliseTopic(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function containsPhrase(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

/** Members with expertise in any of the phrases (a topic and its sub-topics), best matches first. */
export function whoKnows(
  expertise: readonly Expertise[],
  phrases: string | readonly string[],
): ExpertiseMatch[] {
  const wanted = (typeof phrases === 'string' ? [phrases] : phrases)
    .map(normaliseTopic)
    .filter((p) => p !== '');
  const matches: ExpertiseMatch[] = [];
  for (const member of expertise) {
    let exact = false;
    const topics = member.topics.filter((t) => {
      const mine = normaliseTopic(t);
      return wanted.some((w) => {
        if (mine === w && mine !== '') exact = true;
        return containsPhrase(w, mine) || containsPhrase(mine, w);
      });
    });
    if (topics.length > 0) matches.push({ member, topics, exact });
  }
  return matches.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      b.topics.length - a.topics.length ||
      a.member.name.localeCompare(b.member.name),
  );
}
