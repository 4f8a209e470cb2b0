import { isLoopbackHost } from '../domain/api-key.ts';
import { KindredError } from '../errors.ts';
import { operations, type OpInput, type OpName, type OpOutput, type OpParsed } from '../contract.ts';

/**
 * Renderer operations that open the library beyond this computer's own user: creating an API key (its
 * secret reads and changes the library) and serving the API to the network. A script injected into
 * the page could call them like any other, so the host that runs the page asks the person at the
 * computer first, in its own window (the desktop app: a native dialog from the main process), and
 * forwards the call only on a yes. This map is the one list of them: hosts consult it, nothing else.
 */
export interface Confirmation {
  op: PrivilegedOp;
  title: string;
  message: string;
  detail: string;
  /** The button that goes ahead (the other one cancels, and is the default). */
  confirm: string;
  /** The sentence the page gets when the answer was no. */
  declined: string;
}

/** How a host asks: true to go ahead. */
export type Ask = (question: Confirmation) => Promise<boolean>;

/** Reads the host needs to word its question (what is set now, a library's name). */
export type Lookup = <K extends 'settings.api' | 'libraries.get'>(op: K, input: OpInput<K>) => Promise<OpOutput<K>>;

type Questions = { [K in OpName]?: (input: OpParsed<K>, lookup: Lookup) => Promise<Omit<Confirmation, 'op'> | null> };

const questions = {
  'api_keys.create': async ({ name, library_id }, lookup) => {
    const scope = library_id ? `the library “${(await lookup('libraries.get', { library_id })).name}”` : 'every library';
    return {
      title: 'Create an API key',
      message: `Create the API key “${name}”?`,
      detail: `Whoever holds this key can read and change ${scope} through Kindred's local REST API whenever it is on. Create it only if you asked for it just now.`,
      confirm: 'Create key',
      declined: 'No key was created: it was not confirmed.',
    };
  },
  'settings.update_api': async (patch, lookup) => {
    const now = await lookup('settings.api', {});
    const next = { ...now, ...patch };
    if (!next.api_enabled || isLoopbackHost(next.api_host)) return null;
    if (now.api_enabled && now.api_host === next.api_host) return null; // already served there, confirmed then
    return {
      title: 'Open the API to the network',
      message: `Serve Kindred's REST API at ${next.api_host}, port ${next.api_port}?`,
      detail: 'Other computers on your network will be able to reach it. Every request still needs an API key.',
      confirm: 'Open to the network',
      declined: 'The API stays where it was: opening it to the network was not confirmed.',
    };
  },
} satisfies Questions;

export type PrivilegedOp = keyof typeof questions;

export const privilegedOpNames = Object.keys(questions) as PrivilegedOp[];

export const isPrivileged = (op: string): op is PrivilegedOp => Object.hasOwn(questions, op);

/**
 * What `op` with `input` needs confirmed, or null when it needs nothing (or its input is invalid:
 * the core refuses that with its field errors, and no question is asked about it).
 */
export async function questionFor(op: string, input: unknown, lookup: Lookup): Promise<Confirmation | null> {
  if (!isPrivileged(op)) return null;
  const parsed = operations[op].input.safeParse(input ?? {});
  if (!parsed.success) return null;
  const ask = questions[op] as (i: unknown, l: Lookup) => Promise<Omit<Confirmation, 'op'> | null>;
  const q = await ask(parsed.data, lookup);
  return q && { op, ...q };
}

/** Run `op` only once what it needs is confirmed; a no is a `cancelled` error with the question's sentence. */
export async function confirmThen<T>(op: string, input: unknown, lookup: Lookup, ask: Ask, run: () => Promise<T>): Promise<T> {
  const question = await questionFor(op, input, lookup);
  if (question && !(await ask(question))) throw new KindredError('cancelled', question.declined);
  return run();
}
