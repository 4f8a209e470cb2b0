// What the official face SDK tests share: the operations an SDK client has, the ones Kindred does not
// map and why, and a picture of two people side by side with a targetFace for each.
import sharp from 'sharp';

/** Operations Kindred does not map, each with the reason (the SDK tests check each is refused with it). */
export const UNMAPPED: Record<string, string> = {
  'face.detectWithUrl': 'Kindred never fetches URLs: it works offline by design; send the bytes (detectWithStream)',
  'faceList.addFaceFromUrl': 'never fetches URLs (addFaceFromStream)',
  'largeFaceList.addFaceFromUrl': 'never fetches URLs (addFaceFromStream)',
  'personGroupPerson.addFaceFromUrl': 'never fetches URLs (addFaceFromStream)',
  'largePersonGroupPerson.addFaceFromUrl': 'never fetches URLs (addFaceFromStream)',
};

/** `group.method` for every operation of an SDK client's operation groups. */
export function sdkOperations(client: object): string[] {
  const out: string[] = [];
  for (const [group, ops] of Object.entries(client)) {
    if (!ops || typeof ops !== 'object' || !('client' in ops)) continue;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(ops))) {
      if (name !== 'constructor' && typeof (ops as Record<string, unknown>)[name] === 'function') out.push(`${group}.${name}`);
    }
  }
  return out.sort();
}

type Rect = { left: number; top: number; width: number; height: number };

/** Two 250×250 photos side by side, and the targetFace (left, top, width, height) of the largest face in each half. */
export async function sideBySide(a: Buffer, b: Buffer, detect: (bytes: Buffer) => Promise<Array<{ faceRectangle: Rect }>>): Promise<[Buffer, number[], number[]]> {
  const pair = await sharp({ create: { width: 500, height: 250, channels: 3, background: '#808080' } })
    .composite([{ input: a, left: 0, top: 0 }, { input: b, left: 250, top: 0 }])
    .jpeg()
    .toBuffer();
  const faces = await detect(pair);
  const largest = (inLeft: boolean) => {
    const r = faces.map((f) => f.faceRectangle).filter((x) => (x.left < 250) === inLeft).sort((x, y) => y.width - x.width)[0]!;
    return [r.left, r.top, r.width, r.height];
  };
  return [pair, largest(true), largest(false)];
}
