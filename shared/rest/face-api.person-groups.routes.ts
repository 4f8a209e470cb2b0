import { z } from 'zod';
import { GroupName, type PersonGroup } from '../domain/face-api-groups.ts';
import { FaceApiError, asCloud } from './face-api.errors.ts';
import { route, type RestRoute } from './define.ts';
import {
  Empty, FACE_BASE, GROUP_KINDS, GroupIdIn, ModelQuery, RecognitionModelName, TrainingStatus, UserDataIn,
  pageAfter, personGroup, startTop, trainingStatus, withModel, type GroupKind,
} from './face-api.common.ts';
import { personRoutesFor } from './face-api.persons.routes.ts';

// Person groups are libraries, under an id the client chooses when it creates one (PUT), or under
// the library's own id. Large person groups are the same groups under a second path: the routes
// are generated once for each. Persons: face-api.persons.routes.ts.

function routesFor(kind: GroupKind): RestRoute[] {
  const base = `${FACE_BASE}/${kind.base}`;
  const one = `${base}/{${kind.param}}`;
  const Group = z.object({ [kind.param]: GroupIdIn });
  const groupReply = z.object({ [kind.param]: z.string(), name: z.string(), userData: z.string().nullable(), recognitionModel: z.string().optional() });
  // A computed key makes TypeScript see the params as a string record; the schema checked them.
  const groupId = (p: Record<string, string>): string => p[kind.param]!;
  const reply = (g: PersonGroup, model: boolean) => ({ [kind.param]: g.group_id, name: g.name, userData: g.user_data, ...withModel(model) });

  return [
    route({
      api: 'face', method: 'GET', path: base,
      summary: `List ${kind.label}s: every library, under the id a client gave it (only the API key's library for a scoped key).`,
      ops: ['person_groups.list'],
      query: z.object({ ...startTop(1000), ...ModelQuery.shape }),
      response: z.array(groupReply),
      handle: async ({ query, scope }, invoke) => {
        const groups = await invoke('person_groups.list', scope ? { within: scope } : {});
        return pageAfter(groups, (g) => g.group_id, query.start, query.top).map((g) => reply(g, query.returnRecognitionModel));
      },
    }),
    route({
      api: 'face', method: 'GET', path: one,
      summary: `A ${kind.label}: its name and userData.`,
      ops: ['person_groups.get'],
      params: Group, query: ModelQuery, response: groupReply,
      handle: async ({ params, query, scope }, invoke) => reply(await personGroup(invoke, groupId(params), scope, kind), query.returnRecognitionModel),
    }),
    route({
      api: 'face', method: 'PUT', path: one,
      summary: `Create a ${kind.label} under the id in the path: a new, empty library.`,
      description: 'The library is named after the group (with the group id added when that name is taken). A key limited to one library cannot create groups (403).',
      ops: ['person_groups.create'],
      params: Group,
      body: { kind: 'json', schema: z.strictObject({ name: GroupName, userData: UserDataIn.nullable().optional(), recognitionModel: RecognitionModelName.optional() }) },
      response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        if (scope) throw new FaceApiError('forbidden', 'Forbidden', 'This API key is limited to one library, so it cannot create person groups (libraries).');
        await asCloud(invoke('person_groups.create', { group_id: groupId(params), name: body.name, user_data: body.userData ?? null }), kind.notFound, kind.exists);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'PATCH', path: one,
      summary: `Rename a ${kind.label} or change its userData.`,
      description: 'A group the face API made is its library, renamed with it; for any other library only the group’s own name changes (Kindred’s library keeps its name).',
      ops: ['person_groups.update'],
      params: Group,
      body: { kind: 'json', schema: z.strictObject({ name: GroupName.optional(), userData: UserDataIn.nullable().optional() }) },
      response: Empty,
      handle: async ({ params, body, scope }, invoke) => {
        await asCloud(invoke('person_groups.update', {
          group_id: groupId(params),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.userData !== undefined ? { user_data: body.userData } : {}),
          ...(scope ? { within: scope } : {}),
        }), kind.notFound);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'DELETE', path: one,
      summary: `Delete a ${kind.label} made through the face API, with everything in it.`,
      description: 'Only groups created with PUT: a library made in Kindred (by importing photos) is the user’s catalogue and answers 403.',
      ops: ['person_groups.delete'],
      params: Group, response: Empty,
      handle: async ({ params, scope }, invoke) => {
        await asCloud(invoke('person_groups.delete', { group_id: groupId(params), ...(scope ? { within: scope } : {}) }), kind.notFound);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'POST', path: `${one}/train`,
      summary: 'Queue a training: the person models and index of the library are rebuilt in the background.',
      description: 'Answers 202 at once; GET …/training says running, then succeeded (or failed with a message). Kindred also keeps the models current as faces are added, so identify works untrained.',
      ops: ['person_groups.train'],
      params: Group, response: Empty, status: 202,
      handle: async ({ params, scope }, invoke) => {
        await asCloud(invoke('person_groups.train', { group_id: groupId(params), ...(scope ? { within: scope } : {}) }), kind.notFound);
        return undefined;
      },
    }),
    route({
      api: 'face', method: 'GET', path: `${one}/training`,
      summary: 'The last training: running, succeeded or failed (running too while an import of the library is unfinished).',
      ops: ['person_groups.training'],
      params: Group, response: TrainingStatus,
      handle: async ({ params, scope }, invoke) =>
        trainingStatus(await asCloud(invoke('person_groups.training', { group_id: groupId(params), ...(scope ? { within: scope } : {}) }), kind.notFound)),
    }),
    ...personRoutesFor(kind),
  ];
}

export const personGroupRoutes: RestRoute[] = GROUP_KINDS.flatMap(routesFor);
