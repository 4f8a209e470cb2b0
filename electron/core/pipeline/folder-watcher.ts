import { sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { LibraryId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';

export interface FolderWatcherOptions {
  catalogue: Catalogue;
  /** Look at a library's folders again (the import runner's rescan). */
  rescan: (libraryId: LibraryId) => void;
  /** Quiet time after the last change before a library is rescanned (a copy of 500 photos is one rescan). */
  settleMs?: number;
}

/**
 * Watched folders: whatever happens to the files of an imported folder (added, edited, moved, deleted,
 * a disk unplugged) leads to a rescan of its library, which brings the catalogue in line with the disk.
 * chokidar does the watching (inotify, FSEvents, ReadDirectoryChangesW); the rescan decides what changed.
 */
export class FolderWatcher {
  readonly #opts: Required<FolderWatcherOptions>;
  readonly #watched = new Map<string, LibraryId>();
  readonly #timers = new Map<LibraryId, NodeJS.Timeout>();
  #watcher: FSWatcher | null = null;

  constructor(opts: FolderWatcherOptions) {
    this.#opts = { settleMs: 2000, ...opts };
  }

  /** Watch every imported folder not watched yet (call again after an import adds one). */
  refresh(): void {
    const fresh: string[] = [];
    for (const lib of this.#opts.catalogue.libraries.list()) {
      for (const f of this.#opts.catalogue.folders.list(lib.id)) {
        if (this.#watched.has(f.path)) continue;
        this.#watched.set(f.path, lib.id);
        fresh.push(f.path);
      }
    }
    if (fresh.length === 0) return;
    if (!this.#watcher) {
      this.#watcher = watch(fresh, {
        ignoreInitial: true,
        ignored: (path) => /(^|[/\\])\.[^/\\]/.test(path.slice(path.lastIndexOf(sep) + 1)) || path.endsWith('.tmp'),
        awaitWriteFinish: { stabilityThreshold: 500, pollInterval: 100 },
      });
      this.#watcher.on('all', (_event, path) => this.#changed(path));
      // A folder that cannot be watched (gone, unmounted) is the rescan's to report, not a crash.
      this.#watcher.on('error', () => undefined);
    } else this.#watcher.add(fresh);
  }

  #changed(path: string): void {
    let best: { root: string; lib: LibraryId } | null = null;
    for (const [root, lib] of this.#watched) {
      if ((path === root || path.startsWith(root + sep)) && (!best || root.length > best.root.length)) best = { root, lib };
    }
    if (!best) return;
    const lib = best.lib;
    clearTimeout(this.#timers.get(lib));
    this.#timers.set(
      lib,
      setTimeout(() => {
        this.#timers.delete(lib);
        this.#opts.rescan(lib);
      }, this.#opts.settleMs),
    );
  }

  async close(): Promise<void> {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    await this.#watcher?.close();
    this.#watcher = null;
  }
}
