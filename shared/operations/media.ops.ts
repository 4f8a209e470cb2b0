import { z } from 'zod';
import { ImageKind } from '../media.ts';
import { op } from './define.ts';

/** The bytes of an image, for hosts that pass them on (the REST API); the renderer loads media by URL instead. */
export const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');
export const ImageBytes = z.object({ mime: z.string(), bytes: Bytes });

export const mediaOps = {
  'media.get': op({
    summary: "A catalogued photo's thumbnail or upright display copy, or a face's crop, by id.",
    access: 'host',
    input: z.object({ kind: ImageKind, id: z.string().max(100) }),
    output: ImageBytes,
  }),
};
