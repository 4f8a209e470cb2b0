import type { RgbImage } from './image.ts';

/** YuNet's input: BGR planes of raw 0-255 values, zero-padded right and bottom to the network size. */
export function toBgrPlanes(img: RgbImage, padW: number, padH: number): Float32Array {
  const plane = padW * padH;
  const out = new Float32Array(3 * plane);
  const { data, width, height } = img;
  for (let y = 0; y < height; y++) {
    let src = y * width * 3;
    let dst = y * padW;
    for (let x = 0; x < width; x++, src += 3, dst++) {
      out[dst] = data[src + 2]!;
      out[plane + dst] = data[src + 1]!;
      out[2 * plane + dst] = data[src]!;
    }
  }
  return out;
}
