import { z } from 'zod';
import { LibraryId } from '../ids.ts';
import { KindredError } from '../errors.ts';
import { route, type RestRoute } from './define.ts';
import { Empty, FACE_BASE, ModelQuery, TrainingStatus, pageAfter, personGroup, startTop, withModel } from './face-api.common.ts';
import { personRoutesFor } from './face-api.persons.routes.ts';

// Person groups are libraries (personGroupId = library id). Large person groups are the same
// libraries under a second path: the routes are generated once for each. Persons: see
// face-api.persons.routes.ts.

export interface GroupKind {
  /** Path segment: persongroups | largepersongroups. */
  base: string;
  /** Path parameter and reply field: personGroupId | largePersonGroupId. */
  param: 'personGroupId' | 'largePersonGroupId';
  label: string;
}

const KINDS: GroupKind[] = [
  { base: 'persongroups', param: 'personGroupId', label: 'person group' },
  { base: 'largepersongroups', param: 'largePersonGroupId', label: 'large person group' },
];

function routesFor(kind: GroupKind): RestRoute[] {
  const base = `${FACE_BASE}/${kind.base}`;
  const one = `${base}/{${kind.param}}`;
  const Group = z.object({ [kind.param]: LibraryId });
  const groupReply = z.object({ [kind.param]: LibraryId, name: z.string(), userData: z.null(), recognitionModel: z.string().optional() });
  // A computed key makes TypeScript see the params as a string record; the schema checked them.
  const groupId = (p: Record<string, string>): LibraryId => p[kind.param] as LibraryId;
  const refuse = (what: string) =>
    new KindredError(
      'forbidden',
      `${what}: ${kind.label}s are Kindred libraries, which are made by importing photos (in the app or with \`kindred import\`) and keep Kindred's own ids (library_…). List them with GET ${base}.`,
    );

  return [
    route({
      api: 'face', method: 'GET', path: base,
      summary: `List ${kind.label}s: the libraries (only the API key's library for a scoped key).`,
      ops: ['libraries.list'],
      query: z.object({ ...startTop(1000), ...ModelQuery.shape }),
      response: z.array(groupReply),
      handle: async ({ query, scope }, invoke) => {
        const libs = (await invoke('libraries.list', {})).filter((l) => !scope || l.id === scope);
        return pageAfter(libs, (l) => l.id, query.start, query.top).map((l) => ({ [kind.param]: l.id, name: l.name, userData: null, ...withModel(query.returnRecognitionModel) }));
      },
    }),
    route({
      api: 'face', method: 'GET', path: one,
      summary: `A ${kind.label}: a library's id and name.`,
      ops: ['libraries.list'],
      params: Group, query: ModelQuery, response: groupReply,
      handle: async ({ params, query, scope }, invoke) => {
        const lib = await personGroup(invoke, groupId(params), scope, kind.label);
        return { [kind.param]: lib.id, name: lib.name, userData: null, ...withModel(query.returnRecognitionModel) };
      },
    }),
    ...(['PUT', 'PATCH', 'DELETE'] as const).map((method) =>
      route({
        api: 'face', method, path: one,
        summary: `Not offered: ${kind.label}s are libraries, made by importing photos.`,
        description: `Answers 403 (404 for a ${kind.label} that does not exist, to PATCH and DELETE). Kindred creates a library when photos are imported into it, and does not rename or delete libraries through the face API: a library is the user's photo catalogue.`,
        ops: ['libraries.list'],
        params: z.object({ [kind.param]: z.string().max(200) }),
        response: Empty,
        handle: async ({ params, scope }, invoke) => {
          const id = params[kind.param]!;
          if (method === 'PUT') throw refuse(`A ${kind.label} cannot be created through the face API`);
          await personGroup(invoke, id as LibraryId, scope, kind.label);
          throw refuse(`A ${kind.label} cannot be ${method === 'PATCH' ? 'changed' : 'deleted'} through the face API`);
        },
      }),
    ),
    route({
      api: 'face', method: 'GET', path: `${one}/training`,
      summary: 'Training status: running while an import of the library is unfinished, otherwise succeeded.',
      description: 'Kindred keeps person models current as faces are imported and assigned, so there is nothing to train; an import in progress is the nearest thing.',
      ops: ['libraries.list', 'jobs.list'],
      params: Group, response: TrainingStatus,
      handle: async ({ params, scope }, invoke) => {
        const lib = await personGroup(invoke, groupId(params), scope, kind.label);
        const jobs = await invoke('jobs.list', { library_id: lib.id });
        // An import not yet finished (even paused) still has faces to place: the models are not current.
        const running = jobs.some((j) => j.state === 'running' || j.state === 'queued' || j.state === 'paused' || j.state === 'waiting');
        const last = jobs[0]?.updated_at ?? lib.created_at;
        return { status: running ? ('running' as const) : ('succeeded' as const), createdDateTime: lib.created_at, lastActionDateTime: last, lastSuccessfulTrainingDateTime: running ? null : last, message: null };
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/train`,
      summary: 'Accepted and done: Kindred keeps person models current on its own.',
      ops: ['libraries.list'],
      params: Group, response: Empty, status: 202,
      handle: async ({ params, scope }, invoke) => {
        await personGroup(invoke, groupId(params), scope, kind.label);
        return undefined;
      },
    }),
    ...personRoutesFor(kind),
  ];
}

export const personGroupRoutes: RestRoute[] = KINDS.flatMap(routesFor);
