import { tags } from '../../cache/invalidation-rules';
import type { FieldSpecs } from '../field-specs';
import type { RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { clubTag, recruitmentTag, rowIds, stringList } from '../route-cache-rule';
import { pathParam, root, withPath } from '../route-graphql';
import { param } from './account-fields';
import { clubRow, memberRow, recruitmentRow } from './club-fields';

const PAGING: FieldSpecs = {
  start: ['int', 'min=0'],
  count: ['int', 'min=0'],
  field: ['string'],
  name: ['string'],
};

/** `count` absent or 0 means 10 for the club and recruitment lists (legacy-api.md §0.5). */
const countOf = (value: unknown) => Number(value ?? 0) || 10;

/** Routes 30–40 (legacy-api.md §1.6): reads for students, admins (and teachers on route 32). */
export const clubReadRoutes: RestRoute[] = [
  {
    id: 30,
    method: 'GET',
    path: '/v1/clubs/sorted-by/update-time',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetClubsSortByUpdateTimeRequest',
    fields: { ...PAGING },
    graphql: { denial: 'club', field: root('Query.clubs') },
    cache: { field: 'clubs', entities: (_c, e) => ['Club', ...rowIds(e, 'clubs', 'club_uuid').map(clubTag)] },
    handle: async ({ body, clients }) =>
      answer(
        await clients.club.student.getClubsSortByUpdateTime({
          Start: Number(body.start ?? 0),
          Count: countOf(body.count),
          Field: String(body.field ?? ''),
          Name: String(body.name ?? ''),
        }),
        {
          status: 200,
          message: 'succeed to get clubs sorted by update time',
          fields: (r) => ({ clubs: r.Informs.map(clubRow) }),
        },
      ),
  },
  {
    id: 31,
    method: 'GET',
    path: '/v1/recruitments/sorted-by/create-time',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetRecruitmentsSortByCreateTimeRequest',
    fields: { ...PAGING },
    graphql: { denial: 'club', field: root('Query.recruitments') },
    cache: {
      field: 'recruitments',
      entities: (_c, e) => ['Recruitment', ...rowIds(e, 'recruitments', 'recruitment_uuid').map(recruitmentTag)],
    },
    handle: async ({ body, clients }) =>
      answer(
        await clients.club.student.getRecruitmentsSortByCreateTime({
          Start: Number(body.start ?? 0),
          Count: countOf(body.count),
          Field: String(body.field ?? ''),
          Name: String(body.name ?? ''),
        }),
        {
          status: 200,
          message: 'succeed to get recruitments sorted by create time',
          fields: (r) => ({ recruitments: r.Recruitments.map(recruitmentRow) }),
        },
      ),
  },
  {
    id: 32,
    // A GET with a JSON body, as the legacy route took it.
    method: 'GET',
    path: '/v1/clubs',
    auth: 'jwt',
    struct: 'GetClubInformsWithUUIDsRequest',
    fields: { club_uuids: ['strings', 'required'] },
    graphql: { denial: 'club', field: root('Query.clubsByIds') },
    cache: { field: 'clubsByIds', args: (c) => ({ ids: stringList(c.body.club_uuids) }), entities: () => ['Club'] },
    handle: async ({ body, clients }) =>
      answer(await clients.club.student.getClubInformsWithUuiDs({ ClubUUIDs: body.club_uuids as string[] }), {
        status: 200,
        message: 'succeed to get club informs with uuids',
        fields: (r) => ({ clubs: r.Informs.map(clubRow) }),
      }),
  },
  {
    id: 33,
    method: 'GET',
    path: '/v1/clubs/uuid/:club_uuid',
    auth: 'jwt',
    graphql: { denial: 'club', field: withPath('Query.club', 'id', 'club_uuid') },
    cache: { field: 'club', args: (c) => ({ id: pathParam(c, 'club_uuid') }), entities: () => ['Club'] },
    handle: async ({ params, clients }) =>
      answer(await clients.club.student.getClubInformWithUuid({ ClubUUID: param(params, 'club_uuid') }), {
        status: 200,
        message: 'succeed to get club inform with uuid',
        // QUIRK (legacy-api.md §6.2): route 33 never returned `floor`; clients saw it so. Kept.
        fields: (r) => ({
          club_uuid: r.ClubUUID,
          leader_uuid: r.LeaderUUID,
          member_uuids: r.MemberUUIDs,
          name: r.Name,
          location: r.Location,
          field: r.Field,
          link: r.Link,
          introduction: r.Introduction,
          club_concept: r.ClubConcept,
          logo_uri: r.LogoURI,
        }),
      }),
  },
  {
    id: 34,
    method: 'GET',
    path: '/v1/recruitments/uuid/:recruitment_uuid',
    auth: 'jwt',
    graphql: { denial: 'club', field: withPath('Query.recruitment', 'id', 'recruitment_uuid') },
    cache: {
      field: 'recruitment',
      args: (c) => ({ id: pathParam(c, 'recruitment_uuid') }),
      entities: (_c, e) => ['Recruitment', tags.recruitments, clubTag(String(e.club_uuid ?? ''))],
    },
    handle: async ({ params, clients }) =>
      answer(
        await clients.club.student.getRecruitmentInformWithUuid({ RecruitmentUUID: param(params, 'recruitment_uuid') }),
        {
          status: 200,
          message: 'succeed to get recruitment inform with uuid',
          fields: (r) => ({
            recruitment_uuid: r.RecruitmentUUID,
            club_uuid: r.ClubUUID,
            recruit_concept: r.RecruitConcept,
            recruit_members: r.RecruitMembers.map(memberRow),
            start_period: r.StartPeriod,
            end_period: r.EndPeriod,
          }),
        },
      ),
  },
  {
    id: 35,
    method: 'GET',
    path: '/v1/clubs/uuid/:club_uuid/recruitment-uuid',
    auth: 'jwt',
    graphql: {
      denial: 'club',
      field: (c) => ({ coordinate: 'Club.currentRecruitment', args: {}, parent: { id: pathParam(c, 'club_uuid') } }),
    },
    // `club(id) { currentRecruitment { id } }`.
    cache: {
      field: 'club',
      args: (c) => ({ id: pathParam(c, 'club_uuid') }),
      entities: () => ['Club', 'Recruitment', tags.recruitments],
    },
    handle: async ({ params, clients }) =>
      answer(await clients.club.student.getRecruitmentUuidWithClubUuid({ ClubUUID: param(params, 'club_uuid') }), {
        status: 200,
        message: 'succeed to get recruitment uuid with club uuid',
        fields: (r) => ({ recruitment_uuid: r.RecruitmentUUID }),
      }),
  },
  {
    id: 36,
    method: 'GET',
    path: '/v1/recruitment-uuids',
    auth: 'jwt',
    struct: 'GetRecruitmentUUIDsWithClubUUIDsRequest',
    fields: { club_uuids: ['strings', 'required'] },
    graphql: { denial: 'club', field: () => ({ coordinate: 'Club.currentRecruitment', args: {}, parent: {} }) },
    // `clubsByIds(ids) { currentRecruitment { id } }`.
    cache: {
      field: 'clubsByIds',
      args: (c) => ({ ids: stringList(c.body.club_uuids) }),
      entities: () => ['Club', 'Recruitment', tags.recruitments],
    },
    handle: async ({ body, clients }) =>
      answer(await clients.club.student.getRecruitmentUuiDsWithClubUuiDs({ ClubUUIDs: body.club_uuids as string[] }), {
        status: 200,
        message: 'succeed to get recruitment uuids with club uuids',
        fields: (r) => ({ uuids: r.RecruitmentUUIDs }),
      }),
  },
  {
    id: 37,
    method: 'GET',
    path: '/v1/clubs/property/fields',
    auth: 'jwt',
    graphql: { denial: 'club', field: root('Query.clubFields') },
    cache: { field: 'clubFields' },
    handle: async ({ clients }) =>
      answer(await clients.club.student.getAllClubFields({}), {
        status: 200,
        message: 'succeed to get all club fields',
        fields: (r) => ({ fields: r.Fields }),
      }),
  },
  {
    id: 38,
    method: 'GET',
    path: '/v1/clubs/count',
    auth: 'jwt',
    graphql: { denial: 'club', field: root('Query.clubCount') },
    cache: { field: 'clubCount' },
    handle: async ({ clients }) =>
      answer(await clients.club.student.getTotalCountOfClubs({}), {
        status: 200,
        message: 'succeed to get total count of clubs',
        fields: (r) => ({ count: r.Count }),
      }),
  },
  {
    id: 39,
    method: 'GET',
    path: '/v1/recruitments/count',
    auth: 'jwt',
    graphql: { denial: 'club', field: root('Query.currentRecruitmentCount') },
    cache: { field: 'currentRecruitmentCount' },
    handle: async ({ clients }) =>
      answer(await clients.club.student.getTotalCountOfCurrentRecruitments({}), {
        status: 200,
        message: 'succeed to get total count of current recruitments',
        fields: (r) => ({ count: r.Count }),
      }),
  },
  {
    id: 40,
    method: 'GET',
    path: '/v1/leaders/uuid/:leader_uuid/club-uuid',
    auth: 'jwt',
    graphql: { denial: 'club', field: withPath('Query.clubOfLeader', 'leaderId', 'leader_uuid') },
    cache: { field: 'clubOfLeader', entities: () => ['Club'] },
    handle: async ({ params, clients }) =>
      answer(await clients.club.student.getClubUuidWithLeaderUuid({ LeaderUUID: param(params, 'leader_uuid') }), {
        status: 200,
        message: 'succeed to get club uuid with leader uuid',
        fields: (r) => ({ club_uuid: r.ClubUUID }),
      }),
  },
];
