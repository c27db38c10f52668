// Calendar dates as ISO strings (`2027-03-15`), with arithmetic on whole days. A school day is
// a date, not an instant: keeping dates as strings and counting days in UTC means a teacher's
// time zone or a daylight-saving change can never move an entry into another week.

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date in the form YYYY-MM-DD (2027-02-30 is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01. The caller has checked the date with isIsoDate. */
export function dayNumber(date: IsoDate): number {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Monday … 6 = Sunday (school weeks start on Monday). */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

/** The Monday of the week the date falls in. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -weekday(date));
}

export function isWeekend(date: IsoDate): boolean {
  return weekday(date) >= 5;
}

/** ISO dates compare correctly as strings; this names the intent. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The local calendar date of an instant, for "today" on the teacher's device. */
export function localIsoDate(instant: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}
