// Dates as people read them, in their own locale.

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const dayYearFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** "2024-05" → "May 2024" */
export const monthLabel = (month: string): string => monthFmt.format(new Date(`${month}-15T12:00:00`));

/** "2024-05-03" → "Fri 3 May" (with the year when it is not this year) */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T12:00:00`);
  return (d.getFullYear() === new Date().getFullYear() ? dayFmt : dayYearFmt).format(d);
}

export const fullDate = (iso: string): string => fullFmt.format(new Date(iso));

/** Whole years between a birth date and a day, or null when the photo is from before the birth. */
export function ageOn(birth: string, day: string): number | null {
  if (day < birth) return null;
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const ageText = (age: number): string => (age === 0 ? 'under 1' : `age ${age}`);

/** A video's length or a moment in it: 83500 → "1:23", or "1:23.5" with tenths (the face timeline's ranges). */
export function clock(ms: number, tenths = false): string {
  const s = tenths ? Math.round(ms / 100) / 10 : Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${(tenths ? rest.toFixed(1) : String(rest)).padStart(tenths ? 4 : 2, '0')}`;
}
