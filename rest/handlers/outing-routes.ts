import type { Envelope } from '../envelope';
import type { RestContext, RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { outingTags, rowIds } from '../route-cache-rule';
import { pathParam, root, withPath, type MutationField, type RouteField } from '../route-graphql';
import { param } from './account-fields';

const outingOf = (o: { place: string; reason: string; startTime: number; endTime: number }) => ({
  place: o.place,
  reason: o.reason,
  start_time: o.startTime,
  end_time: o.endTime,
});

interface OutingAction {
  /** The GraphQL mutation that does the same: judged by its rule, reported as its write. */
  mutation: MutationField;
  /** The parent actions need no token: the confirm code is their proof. */
  token: boolean;
  run(c: RestContext, outingId: string): Promise<object>;
}

/** Route 53's actions (legacy-api.md §1.7). */
export const OUTING_ACTIONS: Readonly<Record<string, OutingAction>> = {
  start: {
    mutation: 'startOuting',
    token: true,
    run: (c, outingId) => c.clients.outing.student.startGoOut({ outingId }),
  },
  end: { mutation: 'endOuting', token: true, run: (c, outingId) => c.clients.outing.student.finishGoOut({ outingId }) },
  'teacher-approve': {
    mutation: 'approveOuting',
    token: true,
    run: (c, outingId) => c.clients.outing.teacher.approveOuting({ outingId }),
  },
  'teacher-reject': {
    mutation: 'rejectOuting',
    token: true,
    run: (c, outingId) => c.clients.outing.teacher.rejectOuting({ outingId }),
  },
  certify: {
    mutation: 'certifyOuting',
    token: true,
    run: (c, outingId) => c.clients.outing.teacher.certifyOuting({ outingId }),
  },
  'parent-approve': {
    mutation: 'approveOutingByConfirmCode',
    token: false,
    run: (c) => c.clients.outing.parents.approveOutingByOCode({ confirmCode: String(c.body.code ?? '') }),
  },
  'parent-reject': {
    mutation: 'rejectOutingByConfirmCode',
    token: false,
    run: (c) => c.clients.outing.parents.rejectOutingByOCode({ confirmCode: String(c.body.code ?? '') }),
  },
};

/** Own keys only: a path like `.../actions/constructor` must not find an inherited property. */
const actionOf = (c: RestContext) => {
  const name = pathParam(c, 'action');
  return Object.hasOwn(OUTING_ACTIONS, name) ? OUTING_ACTIONS[name] : undefined;
};

/** The mutation of this request's action; an unknown action names none (the handler answers 404). */
function actionField(c: RestContext): RouteField | undefined {
  const action = actionOf(c);
  if (!action) return undefined;
  const args = action.token ? { id: pathParam(c, 'outing_uuid') } : { code: String(c.body.code ?? '') };
  return { coordinate: `Mutation.${action.mutation}`, args };
}

async function outingAction(context: RestContext): Promise<Envelope> {
  const action = actionOf(context);
  if (!action) return { status: 404, code: 0, message: `unknown outing action: ${param(context.params, 'action')}` };
  return answer(await action.run(context, param(context.params, 'outing_uuid')), {
    status: 200,
    message: `succeed to ${param(context.params, 'action')} outing`,
  });
}

/** Routes 49–56 (legacy-api.md §1.7); roles are decided by the outing service (403 −2601). */
export const outingRoutes: RestRoute[] = [
  {
    id: 49,
    method: 'POST',
    path: '/v1/outings',
    auth: 'jwt',
    struct: 'CreateOutingRequest',
    // QUIRK (legacy-api.md §6.7): `place` accepts 150 characters here although the service's column holds 50.
    fields: {
      start_time: ['int', 'required,int_len=10'],
      end_time: ['int', 'required,int_len=10'],
      place: ['string', 'required,max=150'],
      reason: ['string', 'required,max=150'],
      situation: ['string', 'required,values=normal&emergency'],
    },
    graphql: { denial: 'outing', field: root('Mutation.createOuting') },
    writes: (_c, e) => ({ field: 'createOuting', result: { id: e.outing_uuid } }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.outing.student.createOuting({
          startTime: Number(body.start_time),
          endTime: Number(body.end_time),
          place: String(body.place),
          reason: String(body.reason),
          situation: String(body.situation),
        }),
        { status: 201, message: 'succeed to create outing', fields: (r) => ({ outing_uuid: r.outingId }) },
      ),
  },
  {
    id: 50,
    method: 'GET',
    path: '/v1/students/uuid/:student_uuid/outings',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetStudentOutingsRequest',
    fields: { start: ['int', 'min=0'], count: ['int', 'min=0'] },
    // `myOutings` is the caller's own list; whose outings the path names is still the outing service's check.
    graphql: { denial: 'outing', field: root('Query.myOutings') },
    // The path's student, not the caller, owns the list (a parent or teacher may read it): createOuting drops
    // `outings:student:<creator>`.
    cache: {
      field: 'myOutings',
      entities: (c, e) => [
        ['outingsOf', pathParam(c, 'student_uuid')],
        'Outing',
        ...rowIds(e, 'outings', 'outing_uuid').map((id) => ['outing', id] as const),
      ],
    },
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.outing.student.getStudentOutings({
          studentId: param(params, 'student_uuid'),
          start: Number(body.start ?? 0),
          count: Number(body.count ?? 0) || 10,
        }),
        {
          status: 200,
          message: 'succeed to get student outings',
          fields: (r) => ({
            outings: r.outing.map((o) => ({
              outing_uuid: o.outingId,
              ...outingOf(o),
              outing_situation: o.situation,
              outing_status: o.status,
              arrival_time: o.arrivalTime,
            })),
          }),
        },
      ),
  },
  {
    id: 51,
    method: 'GET',
    path: '/v1/outings/uuid/:outing_uuid',
    auth: 'jwt',
    graphql: { denial: 'outing', field: withPath('Query.outing', 'id', 'outing_uuid') },
    cache: {
      field: 'outing',
      args: (c) => ({ id: pathParam(c, 'outing_uuid') }),
      entities: (c) => outingTags(pathParam(c, 'outing_uuid')),
    },
    handle: async ({ params, clients }) =>
      answer(await clients.outing.student.getOutingInform({ outingId: param(params, 'outing_uuid') }), {
        status: 200,
        message: 'succeed to get outing inform',
        fields: (r) => ({
          outing_uuid: r.outingId,
          ...outingOf(r),
          outing_situation: r.outingSituation,
          outing_status: r.outingStatus,
          student_uuid: r.studentUuid,
        }),
      }),
  },
  {
    id: 52,
    method: 'GET',
    path: '/v1/outings/uuid/:outing_uuid/card',
    auth: 'jwt',
    graphql: { denial: 'outing', field: withPath('Query.outingCard', 'id', 'outing_uuid') },
    cache: {
      field: 'outingCard',
      args: (c) => ({ id: pathParam(c, 'outing_uuid') }),
      entities: (c) => outingTags(pathParam(c, 'outing_uuid')),
    },
    handle: async ({ params, clients }) =>
      answer(await clients.outing.student.getCardAboutOuting({ outingId: param(params, 'outing_uuid') }), {
        status: 200,
        message: 'succeed to get card about outing',
        fields: (r) => ({
          place: r.place,
          start_time: r.startTime,
          end_time: r.endTime,
          outing_status: r.outingStatus,
          name: r.name,
          grade: r.grade,
          group: r.group,
          number: r.number,
          profile_uri: r.profileImageUri,
          reason: r.reason,
        }),
      }),
  },
  {
    id: 53,
    method: 'POST',
    path: '/v1/outings/uuid/:outing_uuid/actions/:action',
    // The token is checked inside the handler: the parent actions need none (legacy-api.md §1.7 route 53).
    auth: 'none',
    bind: 'query',
    fields: { code: ['string'] },
    graphql: { denial: 'outing', field: actionField, needsToken: (c) => actionOf(c)?.token === true },
    writes: (c) => {
      const action = actionOf(c);
      return action ? { field: action.mutation, args: { id: pathParam(c, 'outing_uuid') } } : undefined;
    },
    handle: async (context) => {
      const action = actionOf(context);
      if (action?.token) {
        const caller = context.tokens.fromAuthorizationHeader(context.authorization);
        return outingAction({ ...context, caller, clients: context.withCaller(caller.uuid) });
      }
      return outingAction(context);
    },
  },
  {
    id: 54,
    method: 'GET',
    path: '/v1/outings/with-filter',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetOutingWithFilterRequest',
    fields: {
      start: ['int', 'min=0'],
      count: ['int', 'min=0'],
      status: ['string'],
      grade: ['int'],
      group: ['int'],
      floor: ['int'],
      start_time: ['int'],
      end_time: ['int'],
    },
    graphql: { denial: 'outing', field: root('Query.outings'), variant: 'filter' },
    cache: {
      field: 'outings',
      entities: (_c, e) => ['Outing', ...rowIds(e, 'outings', 'outing_uuid').map((id) => ['outing', id] as const)],
    },
    handle: async ({ body, clients }) =>
      answer(
        await clients.outing.teacher.getOutingWithFilter({
          start: Number(body.start ?? 0),
          count: Number(body.count ?? 0),
          status: String(body.status ?? ''),
          grade: Number(body.grade ?? 0),
          group: Number(body.group ?? 0),
          floor: Number(body.floor ?? 0),
          startTime: Number(body.start_time ?? 0),
          endTime: Number(body.end_time ?? 0),
        }),
        {
          status: 200,
          message: 'succeed to get outings with filter',
          fields: (r) => ({
            outings: r.outing.map((o) => ({
              outing_uuid: o.outingId,
              ...outingOf(o),
              outing_situation: o.situation,
              outing_status: o.status,
              name: o.name,
              grade: o.grade,
              group: o.group,
              number: o.number,
              is_late: o.isLate,
              arrival_time: o.arrivalTime,
            })),
          }),
        },
      ),
  },
  {
    id: 55,
    method: 'GET',
    path: '/v1/outings/code/:OCode',
    auth: 'none',
    graphql: { denial: 'outing', field: withPath('Query.outingByConfirmCode', 'code', 'OCode') },
    handle: async ({ params, clients }) =>
      answer(await clients.outing.parents.getOutingByOCode({ confirmCode: param(params, 'OCode') }), {
        status: 200,
        message: 'succeed to get outing by confirm code',
        // QUIRK (legacy-api.md §6.2): the legacy route dropped `name`; clients saw it so. Kept.
        fields: (r) => ({ outing_uuid: r.outingId, ...outingOf(r), outing_situation: r.situation }),
      }),
  },
  {
    id: 56,
    method: 'PATCH',
    path: '/v1/outings/uuid/:outing_uuid',
    auth: 'jwt',
    struct: 'ModifyOutingRequest',
    fields: { end_time: ['int', 'required,int_len=10'] },
    graphql: { denial: 'outing', field: withPath('Mutation.changeOutingEndTime', 'id', 'outing_uuid') },
    writes: (c) => ({ field: 'changeOutingEndTime', args: { id: pathParam(c, 'outing_uuid') } }),
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.outing.teacher.modifyOuting({
          outingId: param(params, 'outing_uuid'),
          endTime: Number(body.end_time),
        }),
        { status: 200, message: 'succeed to modify outing' },
      ),
  },
];
