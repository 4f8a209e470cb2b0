import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';
import { libraryHandlers } from './libraries.handlers.ts';
import { importHandlers } from './import.handlers.ts';
import { jobHandlers } from './jobs.handlers.ts';
import { assetHandlers } from './assets.handlers.ts';
import { faceHandlers } from './faces.handlers.ts';
import { peopleHandlers } from './people.handlers.ts';
import { faceRecognitionHandlers } from './faces.recognition.handlers.ts';
import { suggestionHandlers } from './suggestions.handlers.ts';
import { apiKeyHandlers } from './api-keys.handlers.ts';
import { settingsHandlers } from './settings.handlers.ts';
import { mediaHandlers } from './media.handlers.ts';
import { identityHandlers } from './people.identity.handlers.ts';
import { faceDetectHandlers } from './faces.detect.handlers.ts';
import { faceListHandlers } from './face-lists.handlers.ts';
import { faceApiHandlers } from './face-api.handlers.ts';
import { personFaceHandlers } from './person-faces.handlers.ts';
import { operationHandlers } from './operations.handlers.ts';
import { librarySyncHandlers } from './libraries.sync.handlers.ts';
import { assetPresenceHandlers } from './assets.presence.handlers.ts';
import { rejectionHandlers } from './people.rejections.handlers.ts';
import { personGroupHandlers } from './person-groups.handlers.ts';
import { snapshotHandlers } from './snapshots.handlers.ts';
import { videoHandlers } from './videos.handlers.ts';
import { peopleChunkHandlers } from './people.chunks.handlers.ts';
import { xmpHandlers } from './xmp.handlers.ts';
import { catalogueHandlers } from './catalogue.handlers.ts';
import { reembedHandlers } from './faces.reembed.handlers.ts';
import { exportHandlers } from './assets.export.handlers.ts';

/** One handler per operation; the type makes a missing one a compile error. */
export function createHandlers(ctx: CoreContext): Handlers {
  return {
    ...libraryHandlers(ctx),
    ...importHandlers(ctx),
    ...jobHandlers(ctx),
    ...assetHandlers(ctx),
    ...faceHandlers(ctx),
    ...peopleHandlers(ctx),
    ...faceRecognitionHandlers(ctx),
    ...suggestionHandlers(ctx),
    ...apiKeyHandlers(ctx),
    ...settingsHandlers(ctx),
    ...mediaHandlers(ctx),
    ...identityHandlers(ctx),
    ...faceDetectHandlers(ctx),
    ...faceListHandlers(ctx),
    ...faceApiHandlers(ctx),
    ...rejectionHandlers(ctx),
    ...personGroupHandlers(ctx),
    ...personFaceHandlers(ctx),
    ...snapshotHandlers(ctx),
    ...operationHandlers(ctx),
    ...videoHandlers(ctx),
    ...peopleChunkHandlers(ctx),
    ...librarySyncHandlers(ctx),
    ...assetPresenceHandlers(ctx),
    ...xmpHandlers(ctx),
    ...catalogueHandlers(ctx),
    ...reembedHandlers(ctx),
    ...exportHandlers(ctx),
  };
}
