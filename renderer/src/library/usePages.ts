import { useEffect, useRef, useState } from 'react';
import type { Asset } from '../../../shared/domain/asset.ts';
import type { LibraryId, PersonId } from '../../../shared/ids.ts';
import { client } from '../client/client.ts';

export interface AssetFilter {
  library_id?: LibraryId;
  person_ids?: PersonId[];
  hidden?: boolean;
}

const PAGE = 300;

/** assets.list in pages, loaded as they come into view and dropped when the filter or the catalogue changes. */
export function usePages(filter: AssetFilter, revision: number) {
  const pages = useRef(new Map<number, Asset[] | 'loading'>());
  const [, setVersion] = useState(0);
  const key = JSON.stringify(filter);
  const generation = useRef(0);
  useEffect(() => {
    pages.current = new Map();
    generation.current++;
    setVersion((v) => v + 1);
  }, [key, revision]);
  const load = (page: number) => {
    if (pages.current.has(page)) return;
    pages.current.set(page, 'loading');
    const gen = generation.current;
    void client.invoke('assets.list', { ...filter, offset: page * PAGE, limit: PAGE }).then(
      (res) => {
        if (gen !== generation.current) return;
        pages.current.set(page, res.items);
        setVersion((v) => v + 1);
      },
      () => pages.current.delete(page),
    );
  };
  return {
    /** The asset at an index, or undefined while its page loads (the page is requested). */
    at(index: number): Asset | undefined {
      const page = Math.floor(index / PAGE);
      const got = pages.current.get(page);
      if (!got) load(page);
      return got && got !== 'loading' ? got[index % PAGE] : undefined;
    },
    /** Loaded assets from `from` to `to` inclusive (for shift-click ranges). */
    range(from: number, to: number): Asset[] {
      const out: Asset[] = [];
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const got = pages.current.get(Math.floor(i / PAGE));
        const a = got && got !== 'loading' ? got[i % PAGE] : undefined;
        if (a) out.push(a);
      }
      return out;
    },
  };
}
