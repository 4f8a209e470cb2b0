import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import type { AssetId, FolderId, LibraryId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';

export interface SyncTally {
  /** Files recognised by content at a new path: same asset, faces and decisions. */
  moved: number;
  /** Catalogued files that are gone (kept, out of the grid, until purged or found again). */
  missing: number;
  /** Assets of folders whose disk is not there. */
  offline: number;
}

/**
 * The disk is the truth: after a scan, what the catalogue says about the scanned folders is made to
 * agree with what is on disk. A folder whose disk is not mounted is left alone ("offline"); a new file
 * with the content of a catalogued file that went away is that asset, moved; the rest that went away
 * is missing. Every decision on a moved or missing asset's faces stays where it is.
 */
export class FolderSync {
  readonly #catalogue: Catalogue;
  readonly #libraryId: LibraryId;
  readonly #seen = new Set<string>();
  readonly #online: FolderId[] = [];
  readonly #unreadable: string[] = [];
  readonly tally: SyncTally = { moved: 0, missing: 0, offline: 0 };

  constructor(catalogue: Catalogue, libraryId: LibraryId) {
    this.#catalogue = catalogue;
    this.#libraryId = libraryId;
  }

  /**
   * Whether a folder can be scanned. Its root gone, or an empty mount point on another device than
   * the folder was on, means its disk is not mounted: its assets go offline, nothing is deleted.
   */
  async checkRoot(folderId: FolderId, path: string): Promise<boolean> {
    const { folders, presence } = this.#catalogue;
    let device: number | null = null;
    try {
      const info = await stat(path);
      if (info.isDirectory()) device = info.dev;
    } catch {
      device = null;
    }
    const known = folders.device(folderId);
    const unmounted = device === null || (known !== null && device !== known && (await readdir(path)).length === 0);
    if (unmounted) {
      this.tally.offline += presence.setFolderPresence(folderId, ['present', 'offline'], 'offline');
      return false;
    }
    folders.setDevice(folderId, device!);
    this.#online.push(folderId);
    return true;
  }

  /** A folder the scan could not read: nothing under it is known to be gone. */
  unreadable(path: string): void {
    this.#unreadable.push(path.endsWith(sep) ? path : path + sep);
  }

  seen(paths: Iterable<string>): void {
    for (const p of paths) this.#seen.add(p);
  }

  /** Moves and disappearances, once every folder of the job is scanned. */
  async finish(shouldStop: () => boolean): Promise<SyncTally> {
    if (shouldStop()) return this.tally;
    const { presence, assets } = this.#catalogue;
    const known = presence.inFolders(this.#online);
    const gone = known.filter((k) => !this.#seen.has(k.path) && !this.#unreadable.some((dir) => k.path.startsWith(dir)));
    const kept = gone.filter((k) => k.status === 'done');
    this.#catalogue.tx(() => {
      // Never catalogued (pending, failed, a duplicate): nothing to keep.
      presence.deleteRows(gone.filter((k) => k.status !== 'done').map((k) => k.id));
      presence.markMissing(kept.map((k) => k.id));
    });
    // New files (never analysed) the size of a file that went away may be that file, moved.
    const fresh = known.filter((k) => k.status === 'pending' && k.content_hash === null && this.#seen.has(k.path));
    const candidates = presence.relinkCandidates(this.#libraryId, fresh.map((f) => f.size));
    const relinked = new Set<AssetId>();
    for (const f of fresh) {
      if (shouldStop()) break;
      const same = candidates.get(f.size)?.filter((c) => !relinked.has(c.id));
      if (!same?.length) continue;
      const hash = await hashFile(f.path).catch(() => null);
      const match = same.find((c) => c.content_hash === hash);
      if (!match) continue;
      const row = assets.pendingRow(f.id);
      if (!row) continue;
      this.#catalogue.tx(() => {
        presence.deleteRows([f.id]);
        presence.relink(match.id, row);
      });
      relinked.add(match.id);
      this.tally.moved++;
    }
    this.tally.missing += kept.filter((k) => !relinked.has(k.id)).length;
    return this.tally;
  }
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
