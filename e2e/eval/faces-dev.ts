import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../../electron/core/vision/testing.ts';

export const FACES_DEV = join(SHARED_DATA, 'faces-dev');

/** faces-dev's labels.csv: one row per photo, identity = person. */
export function facesDevLabels(): Array<{ file: string; person: string }> {
  return readFileSync(join(FACES_DEV, 'labels.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file, person] = line.split(',');
      return { file: join(FACES_DEV, file!), person: person! };
    });
}
