import * as initial from './001-initial.ts';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** In order; each version is applied once, in its own transaction, and recorded in user_version. */
export const migrations: Migration[] = [{ version: 1, name: 'initial', up: initial.up }];
