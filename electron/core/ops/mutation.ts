import { operations, type OpName, type Operations } from '../../../shared/contract.ts';
import type { CatalogueTopic } from '../../../shared/events.ts';
import type { LibraryId, PersonId } from '../../../shared/ids.ts';
import type { CoreContext } from './context.ts';

/** Operations that declare effects: the only ones `mutation` runs. */
export type MutatingOp = { [K in OpName]: Operations[K] extends { effects: readonly CatalogueTopic[] } ? K : never }[OpName];

/** What a write step reports while it runs inside the transaction. */
export interface ChangeLog {
  /** This library changed; these people's faces did (the engine refreshes their models). */
  changed(libraryId: LibraryId, people?: Iterable<PersonId | null | undefined>): void;
  /** Work on files that must wait for the commit (a removed person's profile images, say). */
  afterCommit(fn: () => unknown): void;
}

export interface MutationSteps<P, T> {
  /** Slow, read-only work (inference, planning) done in turn but before the transaction opens. */
  prepare: () => Promise<P>;
  write: (prepared: P, log: ChangeLog) => T;
}

/**
 * The one way an operation changes the catalogue: in turn with every other change (an import's
 * grouping never interleaves with a user's merge), in one transaction (a crash leaves it all or
 * nothing), and announced once it has committed with exactly the topics the operation declares.
 */
export function mutation<T>(ctx: CoreContext, op: MutatingOp, write: (log: ChangeLog) => T): Promise<T>;
export function mutation<P, T>(ctx: CoreContext, op: MutatingOp, steps: MutationSteps<P, T>): Promise<T>;
export function mutation<P, T>(ctx: CoreContext, op: MutatingOp, steps: ((log: ChangeLog) => T) | MutationSteps<P, T>): Promise<T> {
  const effects = operations[op].effects;
  const { prepare, write } = typeof steps === 'function' ? { prepare: null, write: (_: P, log: ChangeLog) => steps(log) } : steps;
  return ctx.people.exclusive(async () => {
    const prepared = (prepare ? await prepare() : undefined) as P;
    const libraries = new Map<LibraryId, Set<PersonId>>();
    const after: Array<() => unknown> = [];
    const log: ChangeLog = {
      changed(libraryId, people = []) {
        let set = libraries.get(libraryId);
        if (!set) libraries.set(libraryId, (set = new Set()));
        for (const p of people) if (p) set.add(p);
      },
      afterCommit: (fn) => void after.push(fn),
    };
    const out = ctx.catalogue.tx(() => write(prepared, log));
    await Promise.all(after.map((fn) => fn()));
    for (const [libraryId, people] of libraries) {
      ctx.people.touched(libraryId, people);
      ctx.events.emit('catalogue.changed', { library_id: libraryId, topics: [...effects] });
    }
    return out;
  });
}

/**
 * The catalogue swapped for another file (a restore): in turn with every change, as a mutation is, but
 * no transaction can span a file swap. Afterwards the engine forgets every person model (they describe
 * the old file) and every view of every library refetches the declared topics.
 */
export function replacement(ctx: CoreContext, op: MutatingOp, swap: () => Promise<void>): Promise<void> {
  return ctx.people.exclusive(async () => {
    await swap();
    ctx.people.forgetAll();
    ctx.events.emit('catalogue.changed', { library_id: null, topics: [...operations[op].effects] });
  });
}
