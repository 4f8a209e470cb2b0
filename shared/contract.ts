import type { z } from 'zod';
import type { OperationDef } from './operations/define.ts';
import { libraryOps } from './operations/libraries.ops.ts';
import { importOps } from './operations/import.ops.ts';
import { assetOps } from './operations/assets.ops.ts';
import { faceOps } from './operations/faces.ops.ts';
import { peopleOps } from './operations/people.ops.ts';
import { recognitionOps } from './operations/recognition.ops.ts';
import { apiOps } from './operations/api.ops.ts';
import { mediaOps } from './operations/media.ops.ts';
import { identityOps } from './operations/identity.ops.ts';
import { faceApiOps } from './operations/face-api.ops.ts';
import { videoOps } from './operations/video.ops.ts';
import { librarySyncOps } from './operations/library-sync.ops.ts';
import { xmpOps } from './operations/xmp.ops.ts';
import { catalogueOps } from './operations/catalogue.ops.ts';
import type { EventName, EventPayload } from './events.ts';

/** The one map of operations. Hosts mount it; clients are typed from it; nothing is hand-synced. */
export const operations = {
  ...libraryOps,
  ...importOps,
  ...assetOps,
  ...faceOps,
  ...peopleOps,
  ...recognitionOps,
  ...apiOps,
  ...mediaOps,
  ...identityOps,
  ...faceApiOps,
  ...videoOps,
  ...librarySyncOps,
  ...xmpOps,
  ...catalogueOps,
} satisfies Record<string, OperationDef>;

export type Operations = typeof operations;
export type OpName = keyof Operations;
/** What a caller sends (defaults may be omitted). */
export type OpInput<K extends OpName> = z.input<Operations[K]['input']>;
/** What a handler receives after validation. */
export type OpParsed<K extends OpName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Operations[K]['output']>;

export type Handlers = { [K in OpName]: (input: OpParsed<K>) => Promise<OpOutput<K>> };

export type Unsubscribe = () => void;

/** What every host offers a client: the same two verbs over IPC, HTTP or in-process. */
export interface KindredClient {
  invoke<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
}

export const opNames = Object.keys(operations) as OpName[];

export function isOpName(name: string): name is OpName {
  return Object.hasOwn(operations, name);
}

export function rendererOpNames(): OpName[] {
  return opNames.filter((n) => operations[n].access === 'renderer');
}

export { events } from './events.ts';
export type { EventName, EventPayload } from './events.ts';
