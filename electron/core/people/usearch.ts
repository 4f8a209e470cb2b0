import { createRequire } from 'node:module';
import type * as Usearch from 'usearch';

// usearch's ESM entry looks for its prebuilt binary relative to the working directory, so it fails
// anywhere but the package root; the CommonJS entry finds it next to itself.
const usearch = createRequire(import.meta.url)('usearch') as typeof Usearch;

export const { Index, MetricKind, ScalarKind } = usearch;
export type Index = Usearch.Index;
