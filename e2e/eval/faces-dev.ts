import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../../electron/core/vision/testing.ts';

export const FACES_DEV = join(SHARED_DATA, 'faces-dev');

/** faces-dev's labels.csv: one row per photo, identity = person. */
export function facesDevLabels(): Array<{ file: string; person: string }> {
  return readLabels(FACES_DEV);
}

function readLabels(dir: string): Array<{ file: string; person: string }> {
  return readFileSync(join(dir, 'labels.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file, person] = line.split(',');
      return { file: join(dir, file!), person: person! };
    });
}

export const FACES_SCALE_DEV = join(SHARED_DATA, 'faces-scale-dev');

/** faces-scale-dev's labels.csv: the rest of LFW's images of its identities (see ../shared/data/SOURCES.md). */
export function facesScaleDevLabels(): Array<{ file: string; person: string }> {
  return readLabels(FACES_SCALE_DEV);
}
