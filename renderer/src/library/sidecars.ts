import { client } from '../client/client.ts';

/** Every library's named faces as MWG regions beside the photos (also the app menu's command). */
export async function writeAllSidecars(): Promise<string> {
  let written = 0;
  let failed = 0;
  for (const lib of await client.invoke('libraries.list', {})) {
    const r = await client.invoke('xmp.write_regions', { library_id: lib.id });
    written += r.written;
    failed += r.failed.length;
  }
  return `Wrote ${written} XMP sidecars${failed ? `; ${failed} could not be written` : ''}.`;
}
