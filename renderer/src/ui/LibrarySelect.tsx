import type { Library } from '../../../shared/domain/library.ts';
import type { LibraryId } from '../../../shared/ids.ts';

/** A choice of library; with `all`, "All libraries" (null) too. */
export function LibrarySelect({ libraries, value, onChange, label, all = false }: { libraries: readonly Library[]; value: LibraryId | null; onChange(id: LibraryId | null): void; label: string; all?: boolean }) {
  return (
    <select aria-label={label} value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as LibraryId | null)}>
      {all && <option value="">All libraries</option>}
      {libraries.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
        </option>
      ))}
    </select>
  );
}
