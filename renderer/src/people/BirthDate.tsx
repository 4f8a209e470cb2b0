import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/domain/person.ts';
import { attempt } from '../hooks.ts';
import { updatePerson } from './people-actions.ts';

/**
 * The birth date, saved when the field is left or Enter is pressed with a whole date in it — not on
 * every keystroke of a half-typed one — and always showing what is stored (after an undo or unmerge too).
 */
export function BirthDate({ person }: { person: Person }) {
  const [value, setValue] = useState(person.birth_date ?? '');
  useEffect(() => setValue(person.birth_date ?? ''), [person.birth_date, person.id]);
  const save = (el: HTMLInputElement) => {
    const next = el.value;
    if (next === (person.birth_date ?? '')) return;
    if (next && (!el.validity.valid || !/^\d{4}-\d{2}-\d{2}$/.test(next))) return;
    void attempt(() => updatePerson(person, { birth_date: next || null }, next ? `Set ${person.name ?? 'the'} birth date` : 'Cleared the birth date')).then((ok) => !ok && setValue(person.birth_date ?? ''));
  };
  return (
    <label className="row tight muted">
      Born
      <input
        type="date"
        aria-label="Birth date"
        value={value}
        max={new Date().toISOString().slice(0, 10)}
        onChange={(e) => setValue(e.target.value)}
        onBlur={(e) => save(e.target)}
        onKeyDown={(e) => e.key === 'Enter' && save(e.target as HTMLInputElement)}
      />
    </label>
  );
}
