import { useState } from 'react';
import type { Person } from '../../../shared/domain/person.ts';
import { attempt } from '../hooks.ts';
import { Confirm } from '../ui/Dialog.tsx';
import { KindredError } from '../../../shared/errors.ts';
import { client } from '../client/client.ts';
import { mergePeople, updatePerson } from './people-actions.ts';

/**
 * A person's name, editable in place. A name someone else already has is not a silent rename: it
 * asks whether the two are the same person and merges them if so.
 */
export function NameField({ person, className = '', autoFocus = false, onDone }: { person: Person; className?: string; autoFocus?: boolean; onDone?: () => void }) {
  const [value, setValue] = useState(person.name ?? '');
  const [clash, setClash] = useState<Person | null>(null);
  const save = () =>
    void attempt(async () => {
      const name = value.trim();
      if (name === (person.name ?? '')) return onDone?.();
      try {
        await updatePerson(person, { name: name || null }, name ? `Named ${name}` : 'Removed the name');
      } catch (e) {
        // The core refuses a name someone else has and says who: offer to merge the two instead.
        const other = e instanceof KindredError && e.code === 'conflict' ? e.existingPerson : undefined;
        if (!other) throw e;
        return setClash(await client.invoke('people.get', { person_id: other.id }));
      }
      onDone?.();
    });
  return (
    <>
      <input
        className={className}
        aria-label={`Name of ${person.name ?? 'this unnamed person'}`}
        placeholder="Add a name"
        value={value}
        autoFocus={autoFocus}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => !clash && save()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setValue(person.name ?? '');
            onDone?.();
          }
        }}
      />
      <Confirm
        open={clash !== null}
        title={`Merge with ${clash?.name}?`}
        body={<p>{clash?.name} already has that name. If they are the same person, Kindred merges them into one ({clash?.asset_count} + {person.asset_count} photos). You can undo it.</p>}
        confirm={`Merge with ${clash?.name}`}
        onCancel={() => {
          setClash(null);
          setValue(person.name ?? '');
          onDone?.();
        }}
        onConfirm={() => {
          const target = clash!;
          setClash(null);
          void attempt(() => mergePeople(target, [person.id])).then(() => onDone?.());
        }}
      />
    </>
  );
}
