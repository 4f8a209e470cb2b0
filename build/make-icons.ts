// Renders build/icon.svg to the PNG sizes the installers need (build/icons/<n>x<n>.png):
// Linux takes the folder, macOS converts 1024x1024.png to .icns, Windows converts 256x256.png to
// .ico. Run after editing the SVG: `node build/make-icons.ts`. The PNGs are committed (small).
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const BUILD = fileURLToPath(new URL('.', import.meta.url));

export async function makeIcons(outDir = join(BUILD, 'icons')): Promise<string[]> {
  const svg = await readFile(join(BUILD, 'icon.svg'));
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  for (const size of ICON_SIZES) {
    const file = join(outDir, `${size}x${size}.png`);
    // Render at a density that gives the target size directly, so small sizes stay crisp.
    await sharp(svg, { density: Math.max(1, (72 * size) / 1024) })
      .resize(size, size)
      .png({ compressionLevel: 9, palette: size <= 64 })
      .toFile(file);
    files.push(file);
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of await makeIcons()) process.stdout.write(`${f} ${(await stat(f)).size} bytes\n`);
}
