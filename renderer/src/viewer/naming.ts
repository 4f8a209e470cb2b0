import type { Face } from '../../../shared/domain/face.ts';
import type { Person } from '../../../shared/domain/person.ts';
import { client } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { plural } from '../hooks.ts';
import { restoreFaces, snapshot } from '../library/photo-actions.ts';

// Typing a name for a face means one thing, said before it happens: a face of an unnamed person
// names (or joins) that whole person — the cluster is one person; any other face moves alone.

export type NamingPlan =
  | { kind: 'name-person'; person: Person; name: string }
  | { kind: 'merge-person'; person: Person; into: Person }
  | { kind: 'move-face'; into: Person }
  | { kind: 'new-person'; name: string }
  | { kind: 'none' };

export function planNaming(face: Face, current: Person | null, typed: string, named: readonly Person[]): NamingPlan {
  const name = typed.trim();
  if (!name) return { kind: 'none' };
  const existing = named.find((p) => p.name?.toLocaleLowerCase() === name.toLocaleLowerCase() && p.id !== current?.id);
  if (current && current.name?.toLocaleLowerCase() === name.toLocaleLowerCase()) return { kind: 'none' };
  if (current && !current.name) return existing ? { kind: 'merge-person', person: current, into: existing } : { kind: 'name-person', person: current, name };
  return existing ? { kind: 'move-face', into: existing } : { kind: 'new-person', name };
}

export function describePlan(plan: NamingPlan): string {
  switch (plan.kind) {
    case 'name-person':
      return plan.person.face_count > 1 ? `Names all ${plural(plan.person.face_count, 'face')} of this unnamed person “${plan.name}”.` : `Names this person “${plan.name}”.`;
    case 'merge-person':
      return `Adds ${plan.person.face_count > 1 ? `all ${plural(plan.person.face_count, 'face')} of this unnamed person` : 'this face'} to ${plan.into.name}.`;
    case 'move-face':
      return `Moves this face to ${plan.into.name}.`;
    case 'new-person':
      return `Makes a new person “${plan.name}” with this face.`;
    case 'none':
      return '';
  }
}

export async function applyPlan(face: Face, plan: NamingPlan): Promise<void> {
  switch (plan.kind) {
    case 'name-person': {
      const { person, name } = plan;
      await perform({ label: `Named ${name}`, run: () => client.invoke('people.update', { person_id: person.id, name }), undo: () => client.invoke('people.update', { person_id: person.id, name: null }) });
      return;
    }
    case 'merge-person': {
      const { person, into } = plan;
      await perform({
        label: `Added ${plural(person.face_count, 'face')} to ${into.name}`,
        run: () => client.invoke('people.merge', { target_person_id: into.id, source_person_ids: [person.id] }),
        undo: async (out) => {
          for (const m of out.merges) await client.invoke('people.unmerge', { merge_id: m.id });
        },
      });
      return;
    }
    case 'move-face': {
      const before = snapshot([face]);
      await perform({ label: `Moved the face to ${plan.into.name}`, run: () => client.invoke('faces.assign', { face_ids: [face.id], person_id: plan.into.id }), undo: () => restoreFaces(before) });
      return;
    }
    case 'new-person': {
      const before = snapshot([face]);
      await perform({
        label: `Named ${plan.name}`,
        run: () => client.invoke('people.create', { name: plan.name, face_ids: [face.id] }),
        undo: async (p) => {
          await restoreFaces(before);
          await client.invoke('people.delete', { person_id: p.id }).catch(() => undefined);
        },
      });
      return;
    }
    case 'none':
      return;
  }
}
