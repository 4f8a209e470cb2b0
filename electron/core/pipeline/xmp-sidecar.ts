import { readFile, rename, writeFile } from 'node:fs/promises';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { FileProblem } from './file-problem.ts';
import { sidecarPaths, type NamedRegion } from './xmp-regions.ts';

/**
 * MWG face regions of named faces, written to the photo's .xmp sidecar (never into the photo). An
 * existing sidecar (Lightroom's develop settings, darktable's history) keeps everything else: only its
 * mwg-rs:Regions are replaced. Regions are normalized to the stored image, as MWG has them.
 */

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  mwg: 'http://www.metadataworkinggroup.com/schemas/regions/',
  stDim: 'http://ns.adobe.com/xap/1.0/sType/Dimensions#',
  stArea: 'http://ns.adobe.com/xmp/sType/Area#',
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number): string => String(Math.round(v * 1e6) / 1e6);

function regionsDescription(regions: NamedRegion[], stored: { width: number; height: number }): string {
  const items = regions
    .map(
      (r) => `      <rdf:li rdf:parseType="Resource">
       <mwg-rs:Type>Face</mwg-rs:Type>
       <mwg-rs:Name>${esc(r.name)}</mwg-rs:Name>
       <mwg-rs:Area stArea:x="${n(r.box.x + r.box.w / 2)}" stArea:y="${n(r.box.y + r.box.h / 2)}" stArea:w="${n(r.box.w)}" stArea:h="${n(r.box.h)}" stArea:unit="normalized"/>
      </rdf:li>`,
    )
    .join('\n');
  return `<rdf:Description rdf:about="" xmlns:rdf="${NS.rdf}" xmlns:mwg-rs="${NS.mwg}" xmlns:stDim="${NS.stDim}" xmlns:stArea="${NS.stArea}">
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="${stored.width}" stDim:h="${stored.height}" stDim:unit="pixel"/>
    <mwg-rs:RegionList>
     <rdf:Bag>
${items}
     </rdf:Bag>
    </mwg-rs:RegionList>
   </mwg-rs:Regions>
  </rdf:Description>`;
}

function fresh(description: string): string {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="${NS.x}" x:xmptk="Kindred">
 <rdf:RDF xmlns:rdf="${NS.rdf}">
  ${description}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
`;
}

function merged(existing: string, description: string, path: string): string {
  const problems: string[] = [];
  const parser = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && problems.push(msg)) });
  let doc;
  try {
    doc = parser.parseFromString(existing, 'text/xml');
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  const rdf = doc?.getElementsByTagNameNS(NS.rdf, 'RDF')[0];
  if (!doc || problems.length > 0 || !rdf) throw new FileProblem(`${path} is not a readable XMP sidecar (${problems[0] ?? 'no rdf:RDF'}); it was left as it is`);
  for (const old of Array.from(doc.getElementsByTagNameNS(NS.mwg, 'Regions'))) old.parentNode?.removeChild(old);
  const part = new DOMParser().parseFromString(description, 'text/xml').documentElement;
  if (part) rdf.appendChild(doc.importNode(part, true));
  return new XMLSerializer().serializeToString(doc);
}

/** Write (or update) the sidecar; returns its path. */
export async function writeRegionsSidecar(photo: string, regions: NamedRegion[], stored: { width: number; height: number }): Promise<string> {
  const candidates = sidecarPaths(photo);
  let target = candidates[0]!;
  let existing: string | null = null;
  for (const c of candidates) {
    existing = await readFile(c, 'utf8').catch(() => null);
    if (existing !== null) {
      target = c;
      break;
    }
  }
  const description = regionsDescription(regions, stored);
  const xml = existing === null ? fresh(description) : merged(existing, description, target);
  const tmp = `${target}.kindred-${process.pid}.tmp`;
  await writeFile(tmp, xml, 'utf8');
  await rename(tmp, target);
  return target;
}
