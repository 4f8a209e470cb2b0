import type { ErrorCode } from './errors.ts';

// What the desktop app reports before the catalogue opens (electron/core/startup-check.ts makes it;
// the first-run screen shows it). Declared here because the preload bridge hands it to pages.

export interface ModelProblem {
  id: string;
  file: string;
  /** Where the file was expected. */
  path: string;
  /** 'not found', 'sha256 mismatch: …', 'size … expected …'. */
  reason: string;
}

/** How to get a model by hand: for the first-run screen and the logs. */
export interface ManualStep {
  id: string;
  file: string;
  source: string;
  size: number;
  sha256: string;
  saveAs: string;
}

export type StartupStatus =
  | { state: 'ready'; modelsDir: string; checkedMs: number }
  | {
      state: 'models_unavailable';
      problems: ModelProblem[];
      /** Folders that were checked, in order. */
      searched: string[];
      /** Where Retry puts what it fetches. */
      repairDir: string;
      manual: ManualStep[];
      /** Developer instructions (npm run models …), for logs. */
      hint: string;
    }
  | { state: 'catalogue_unavailable'; code: ErrorCode; message: string; dataDir: string };

export type StartupState = StartupStatus['state'];
