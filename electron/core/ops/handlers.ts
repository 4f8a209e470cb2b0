import type { Handlers } from '../../../shared/contract.ts';
import type { CoreContext } from './context.ts';
import { libraryHandlers } from './libraries.handlers.ts';
import { importHandlers } from './import.handlers.ts';
import { assetHandlers } from './assets.handlers.ts';
import { faceHandlers } from './faces.handlers.ts';
import { peopleHandlers } from './people.handlers.ts';
import { recognitionHandlers } from './recognition.handlers.ts';
import { apiHandlers } from './api.handlers.ts';
import { mediaHandlers } from './media.handlers.ts';
import { identityHandlers } from './identity.handlers.ts';
import { faceApiHandlers } from './face-api.handlers.ts';
import { videoHandlers } from './video.handlers.ts';
import { librarySyncHandlers } from './library-sync.handlers.ts';
import { xmpHandlers } from './xmp.handlers.ts';
import { catalogueHandlers } from './catalogue.handlers.ts';

/** One handler per operation; the type makes a missing one a compile error. */
export function createHandlers(ctx: CoreContext): Handlers {
  return {
    ...libraryHandlers(ctx),
    ...importHandlers(ctx),
    ...assetHandlers(ctx),
    ...faceHandlers(ctx),
    ...peopleHandlers(ctx),
    ...recognitionHandlers(ctx),
    ...apiHandlers(ctx),
    ...mediaHandlers(ctx),
    ...identityHandlers(ctx),
    ...faceApiHandlers(ctx),
    ...videoHandlers(ctx),
    ...librarySyncHandlers(ctx),
    ...xmpHandlers(ctx),
    ...catalogueHandlers(ctx),
  };
}
