import type { Envelope } from '../envelope';
import type { RestContext, RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { param } from './account-fields';

const outingOf = (o: { place: string; reason: string; startTime: number; endTime: number }) => ({
  place: o.place,
  reason: o.reason,
  start_time: o.startTime,
  end_time: o.endTime,
});

/** Route 53's actions: the RPC behind each, and whether it needs a token (the parent ones use the code). */
const ACTIONS: Record<string, { token: boolean; run(c: RestContext, outingId: string): Promise<object> }> = {
  start: { token: true, run: (c, outingId) => c.clients.outing.student.startGoOut({ outingId }) },
  end: { token: true, run: (c, outingId) => c.clients.outing.student.finishGoOut({ outingId }) },
  'teacher-approve': { token: true, run: (c, outingId) => c.clients.outing.teacher.approveOuting({ outingId }) },
  'teacher-reject': { token: true, run: (c, outingId) => c.clients.outing.teacher.rejectOuting({ outingId }) },
  certify: { token: true, run: (c, outingId) => c.clients.outing.teacher.certifyOuting({ outingId }) },
  'parent-approve': {
    token: false,
    run: (c) => c.clients.outing.parents.approveOutingByOCode({ confirmCode: String(c.body.code ?? '') }),
  },
  'parent-reject': {
    token: false,
    run: (c) => c.clients.outing.parents.rejectOutingByOCode({ confirmCode: String(c.body.code ?? '') }),
  },
};

/** Own keys only: a path like `.../actions/constructor` must not find an inherited property. */
const actionOf = (name: string) => (Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined);

async function outingAction(context: RestContext): Promise<Envelope> {
  const action = actionOf(param(context.params, 'action'));
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
    handle: async (context) => {
      const action = actionOf(param(context.params, 'action'));
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
