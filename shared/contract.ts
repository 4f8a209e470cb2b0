import type { z } from 'zod';
import type { OperationDef } from './operations/define.ts';
import { libraryOps } from './operations/libraries.ops.ts';
import { importOps } from './operations/import.ops.ts';
import { jobOps } from './operations/jobs.ops.ts';
import { assetOps } from './operations/assets.ops.ts';
import { faceOps } from './operations/faces.ops.ts';
import { peopleOps } from './operations/people.ops.ts';
import { faceRecognitionOps } from './operations/faces.recognition.ops.ts';
import { suggestionOps } from './operations/suggestions.ops.ts';
import { apiKeyOps } from './operations/api-keys.ops.ts';
import { settingsOps } from './operations/settings.ops.ts';
import { mediaOps } from './operations/media.ops.ts';
import { identityOps } from './operations/people.identity.ops.ts';
import { faceDetectOps } from './operations/faces.detect.ops.ts';
import { faceListOps } from './operations/face-lists.ops.ts';
import { faceApiOps } from './operations/face-api.ops.ts';
import { personFaceOps } from './operations/person-faces.ops.ts';
import { operationOps } from './operations/operations.ops.ts';
import { librarySyncOps } from './operations/libraries.sync.ops.ts';
import { assetPresenceOps } from './operations/assets.presence.ops.ts';
import { rejectionOps } from './operations/people.rejections.ops.ts';
import { personGroupOps } from './operations/person-groups.ops.ts';
import { snapshotOps } from './operations/snapshots.ops.ts';
import { videoOps } from './operations/videos.ops.ts';
import { peopleChunkOps } from './operations/people.chunks.ops.ts';
import { xmpOps } from './operations/xmp.ops.ts';
import { catalogueOps } from './operations/catalogue.ops.ts';
import { reembedOps } from './operations/faces.reembed.ops.ts';
import { exportOps } from './operations/assets.export.ops.ts';
import type { EventName, EventPayload } from './events.ts';

/** The one map of operations. Hosts mount it; clients are typed from it; nothing is hand-synced. */
export const operations = {
  ...libraryOps,
  ...importOps,
  ...jobOps,
  ...assetOps,
  ...faceOps,
  ...peopleOps,
  ...faceRecognitionOps,
  ...suggestionOps,
  ...apiKeyOps,
  ...settingsOps,
  ...mediaOps,
  ...identityOps,
  ...faceDetectOps,
  ...faceListOps,
  ...faceApiOps,
  ...rejectionOps,
  ...personGroupOps,
  ...personFaceOps,
  ...snapshotOps,
  ...operationOps,
  ...videoOps,
  ...peopleChunkOps,
  ...librarySyncOps,
  ...assetPresenceOps,
  ...xmpOps,
  ...catalogueOps,
  ...reembedOps,
  ...exportOps,
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
