import * as initial from './001-initial.ts';
import * as apiKeys from './002-api-keys.ts';
import * as identity from './003-identity.ts';
import * as faceApi from './004-face-api.ts';
import * as libraryTruth from './005-library-truth.ts';
import * as peopleQuality from './006-people-quality.ts';
import * as assetHidden from './007-asset-hidden.ts';
import * as referenceApis from './008-reference-apis.ts';
import * as assetNote from './009-asset-note.ts';
import * as video from './010-video.ts';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** In order; each version is applied once, in its own transaction, and recorded in user_version. */
export const migrations: Migration[] = [
  { version: 1, name: 'initial', up: initial.up },
  { version: 2, name: 'api-keys', up: apiKeys.up },
  { version: 3, name: 'identity', up: identity.up },
  { version: 4, name: 'face-api', up: faceApi.up },
  { version: 5, name: 'library-truth', up: libraryTruth.up },
  { version: 6, name: 'people-quality', up: peopleQuality.up },
  { version: 7, name: 'asset-hidden', up: assetHidden.up },
  { version: 8, name: 'reference-apis', up: referenceApis.up },
  { version: 9, name: 'asset-note', up: assetNote.up },
  { version: 10, name: 'video', up: video.up },
];
