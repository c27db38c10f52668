// Reading the details of an observation round from a request body: the lesson's date, class
// and focus questions, kept short enough to read on a phone and to store without surprises.
import { HttpError } from './router';

export const MAX_FOCUS_QUESTIONS = 10;
export const MAX_FOCUS_QUESTION_CHARS = 300;
export const MAX_CLASS_NAME_CHARS = 80;
export const MAX_DECLINE_REASON_CHARS = 500;

/** Today in the server's time zone, YYYY-MM-DD (the cluster's schools share the server's day). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30), or undefined when absent. */
export function dateField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (
      year >= 1900 &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    )
      return value as string;
  }
  throw new HttpError(400, 'invalid', `"${name}" must be a real day written YYYY-MM-DD, such as 2026-03-12`);
}

/** Up to ten questions the teacher wants the observers to watch for; blank ones are dropped. */
export function focusQuestionsField(body: Record<string, unknown>): string[] | undefined {
  const value = body.focusQuestions;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((q) => typeof q === 'string'))
    throw new HttpError(400, 'invalid', '"focusQuestions" must be a list of questions (strings)');
  const questions = (value as string[]).map((q) => q.trim()).filter((q) => q !== '');
  if (questions.length > MAX_FOCUS_QUESTIONS)
    throw new HttpError(
      400,
      'invalid',
      `"focusQuestions" may hold at most ${MAX_FOCUS_QUESTIONS} questions (got ${questions.length})`,
    );
  const long = questions.findIndex((q) => q.length > MAX_FOCUS_QUESTION_CHARS);
  if (long !== -1)
    throw new HttpError(
      400,
      'invalid',
      `focus question ${long + 1} is longer than ${MAX_FOCUS_QUESTION_CHARS} characters`,
    );
  return questions;
}

/** An optional short text, trimmed; undefined when absent. */
export function shortTextField(
  body: Record<string, unknown>,
  name: string,
  maxChars: number,
): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid', `"${name}" must be a string`);
  const text = value.trim();
  if (text.length > maxChars)
    throw new HttpError(400, 'invalid', `"${name}" is longer than ${maxChars} characters`);
  return text;
}

export function booleanField(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new HttpError(400, 'invalid', `"${name}" must be true or false`);
  return value;
}
