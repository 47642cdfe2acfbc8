import type { UploadedFile } from '../field-specs';
import type { RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { pathParam, root, withPath } from '../route-graphql';
import { param } from './account-fields';
import { toRecruitMembers } from './club-fields';

/** Routes 29 and 41–48 (legacy-api.md §1.6): the admin and the club's leader; the club service decides. */
export const clubWriteRoutes: RestRoute[] = [
  {
    id: 29,
    method: 'POST',
    path: '/v1/clubs',
    auth: 'jwt',
    struct: 'CreateNewClubRequest',
    fields: {
      name: ['string', 'required,max=30'],
      leader_uuid: ['string', 'required,uuid=student,len=20'],
      member_uuids: ['string', 'required'],
      field: ['string', 'required,max=20'],
      location: ['string', 'required,max=20'],
      floor: ['int', 'required,int_range=1~5'],
      logo: ['file', 'required'],
    },
    graphql: { denial: 'club', field: root('Mutation.createClub'), variant: 'logo' },
    writes: () => ({ field: 'createClub' }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.club.admin.createNewClub({
          Name: String(body.name),
          LeaderUUID: String(body.leader_uuid),
          // The legacy form field is one string of uuids split on "|".
          MemberUUIDs: String(body.member_uuids).split('|'),
          Field: String(body.field),
          Location: String(body.location),
          Floor: String(body.floor),
          Logo: (body.logo as UploadedFile).data,
        }),
        { status: 201, message: 'succeed to create new club', fields: (r) => ({ club_uuid: r.ClubUUID }) },
      ),
  },
  {
    id: 41,
    method: 'DELETE',
    path: '/v1/clubs/uuid/:club_uuid',
    auth: 'jwt',
    graphql: { denial: 'club', field: withPath('Mutation.deleteClub', 'id', 'club_uuid') },
    writes: (c) => ({ field: 'deleteClub', args: { id: pathParam(c, 'club_uuid') } }),
    handle: async ({ params, clients }) =>
      answer(await clients.club.leader.deleteClubWithUuid({ ClubUUID: param(params, 'club_uuid') }), {
        status: 200,
        message: 'succeed to delete club with uuid',
      }),
  },
  {
    id: 42,
    method: 'POST',
    path: '/v1/clubs/uuid/:club_uuid/members',
    auth: 'jwt',
    struct: 'AddClubMemberRequest',
    fields: { student_uuid: ['string', 'required,uuid=student,len=20'] },
    graphql: { denial: 'club', field: withPath('Mutation.addClubMember', 'clubId', 'club_uuid') },
    writes: (c) => ({ field: 'addClubMember', args: { clubId: pathParam(c, 'club_uuid') } }),
    // QUIRK (legacy-api.md §6.1): the gateway expected 200, the service answers 201, so clients saw 201 with the
    // service's message. Kept.
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.club.leader.addClubMember({
          ClubUUID: param(params, 'club_uuid'),
          StudentUUID: String(body.student_uuid),
        }),
        { status: 201 },
      ),
  },
  {
    id: 43,
    method: 'DELETE',
    path: '/v1/clubs/uuid/:club_uuid/members/:student_uuid',
    auth: 'jwt',
    graphql: { denial: 'club', field: withPath('Mutation.removeClubMember', 'clubId', 'club_uuid') },
    writes: (c) => ({ field: 'removeClubMember', args: { clubId: pathParam(c, 'club_uuid') } }),
    handle: async ({ params, clients }) =>
      answer(
        await clients.club.leader.deleteClubMember({
          ClubUUID: param(params, 'club_uuid'),
          StudentUUID: param(params, 'student_uuid'),
        }),
        { status: 200, message: 'succeed to delete club member' },
      ),
  },
  {
    id: 44,
    method: 'PUT',
    path: '/v1/clubs/uuid/:club_uuid/leader',
    auth: 'jwt',
    struct: 'ChangeClubLeaderRequest',
    fields: { new_leader_uuid: ['string', 'required,uuid=student,len=20'] },
    graphql: { denial: 'club', field: withPath('Mutation.changeClubLeader', 'clubId', 'club_uuid') },
    writes: (c) => ({ field: 'changeClubLeader', args: { clubId: pathParam(c, 'club_uuid') } }),
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.club.leader.changeClubLeader({
          ClubUUID: param(params, 'club_uuid'),
          NewLeaderUUID: String(body.new_leader_uuid),
        }),
        { status: 200, message: 'succeed to change club leader' },
      ),
  },
  {
    id: 45,
    method: 'PATCH',
    path: '/v1/clubs/uuid/:club_uuid',
    auth: 'jwt',
    struct: 'ModifyClubInformRequest',
    fields: {
      club_concept: ['string', 'max=40'],
      introduction: ['string', 'max=150'],
      link: ['string', 'max=100'],
      logo: ['file'],
    },
    graphql: { denial: 'club', field: withPath('Mutation.modifyClub', 'id', 'club_uuid') },
    writes: (c) => ({ field: 'modifyClub', args: { id: pathParam(c, 'club_uuid') } }),
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.club.leader.modifyClubInform({
          ClubUUID: param(params, 'club_uuid'),
          ClubConcept: String(body.club_concept ?? ''),
          Introduction: String(body.introduction ?? ''),
          Link: String(body.link ?? ''),
          Logo: (body.logo as UploadedFile | undefined)?.data ?? Buffer.alloc(0),
        }),
        { status: 200, message: 'succeed to modify club inform' },
      ),
  },
  {
    id: 46,
    method: 'POST',
    path: '/v1/recruitments',
    auth: 'jwt',
    struct: 'RegisterRecruitmentRequest',
    // QUIRK (legacy-api.md §0.5): the element rules of `members` never ran (no `dive`); only presence is checked.
    fields: {
      club_uuid: ['string', 'required,uuid=club'],
      recruit_concept: ['string', 'required,max=40'],
      end_period: ['string', 'time,max=10'],
      members: ['objects', 'required'],
    },
    graphql: {
      denial: 'club',
      field: (c) => ({ coordinate: 'Mutation.registerRecruitment', args: { clubId: String(c.body.club_uuid ?? '') } }),
    },
    writes: (c) => ({ field: 'registerRecruitment', args: { clubId: c.body.club_uuid } }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.club.leader.registerRecruitment({
          ClubUUID: String(body.club_uuid),
          RecruitConcept: String(body.recruit_concept),
          EndPeriod: String(body.end_period ?? ''),
          RecruitMembers: toRecruitMembers(body.members as Array<Record<string, unknown>>),
        }),
        {
          status: 201,
          message: 'succeed to register recruitment',
          fields: (r) => ({ recruitment_uuid: r.RecruitmentUUID }),
        },
      ),
  },
  {
    id: 47,
    method: 'PATCH',
    path: '/v1/recruitments/uuid/:recruitment_uuid',
    auth: 'jwt',
    struct: 'ModifyRecruitmentRequest',
    // `end_period` is validated but, as in the legacy gateway, never forwarded: the proto has no such field.
    fields: { recruit_concept: ['string', 'max=40'], end_period: ['string', 'time,max=10'], members: ['objects'] },
    graphql: { denial: 'club', field: withPath('Mutation.modifyRecruitment', 'id', 'recruitment_uuid') },
    writes: (c) => ({ field: 'modifyRecruitment', args: { id: pathParam(c, 'recruitment_uuid') } }),
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.club.leader.modifyRecruitment({
          RecruitmentUUID: param(params, 'recruitment_uuid'),
          RecruitConcept: String(body.recruit_concept ?? ''),
          RecruitMembers: toRecruitMembers((body.members as Array<Record<string, unknown>> | undefined) ?? []),
        }),
        { status: 200, message: 'succeed to modify recruitment' },
      ),
  },
  {
    id: 48,
    method: 'DELETE',
    path: '/v1/recruitments/uuid/:recruitment_uuid',
    auth: 'jwt',
    graphql: { denial: 'club', field: withPath('Mutation.deleteRecruitment', 'id', 'recruitment_uuid') },
    writes: (c) => ({ field: 'deleteRecruitment', args: { id: pathParam(c, 'recruitment_uuid') } }),
    handle: async ({ params, clients }) =>
      answer(
        await clients.club.leader.deleteRecruitmentWithUuid({ RecruitmentUUID: param(params, 'recruitment_uuid') }),
        { status: 200, message: 'succeed to delete recruitment' },
      ),
  },
];
