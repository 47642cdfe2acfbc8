import type { GetAnnouncementsResponse } from '../../grpc-clients/generated/announcement/announcement';
import { decodeTargets } from '../../resolvers/announcement/target-digits';
import type { FieldSpecs } from '../field-specs';
import type { RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { announcementListTags } from '../route-cache-rule';
import { pathParam, root, withPath } from '../route-graphql';
import { param } from './account-fields';

/** `start` is a page index here, `count` the page size, 10 when absent or 0 (legacy-api.md §0.7). */
const PAGE: FieldSpecs = { start: ['int', 'min=0'], count: ['int', 'min=0'] };
const page = (body: Record<string, unknown>) => ({
  start: Number(body.start ?? 0),
  count: Number(body.count ?? 0) || 10,
});

const listFields = (r: GetAnnouncementsResponse) => ({
  announcements: r.announcement.map((a) => ({
    announcement_uuid: a.announcementId,
    number: a.number,
    title: a.title,
    date: a.date,
    views: a.views,
    writer_name: a.writerName,
    is_checked: a.isChecked,
  })),
  size: r.size,
});

const WRITE_FIELDS: FieldSpecs = {
  title: ['string', 'max=50'],
  content: ['string', 'max=1000'],
  target_grade: ['int', 'int_range=0~123'],
  target_group: ['int', 'int_range=0~1234'],
};

/** Routes 62–69 (legacy-api.md §1.9); every announcement error carries code −1000 from the service. */
export const announcementRoutes: RestRoute[] = [
  {
    id: 62,
    method: 'POST',
    path: '/v1/announcements',
    auth: 'jwt',
    struct: 'CreateAnnouncementRequest',
    fields: {
      ...WRITE_FIELDS,
      type: ['string', 'required,values=school&club'],
      title: ['string', 'required,max=50'],
      content: ['string', 'required,max=1000'],
    },
    graphql: {
      denial: 'announcement',
      field: (c) => ({
        coordinate: 'Mutation.createAnnouncement',
        args: { input: { type: String(c.body.type ?? '').toUpperCase() } },
      }),
    },
    // The legacy targets are digit sets (`13`: grades 1 and 3; absent: nobody), as GraphQL's lists.
    writes: (c, e) => ({
      field: 'createAnnouncement',
      args: {
        input: {
          type: String(c.body.type ?? '').toUpperCase(),
          targetGrades: decodeTargets(Number(c.body.target_grade ?? 0)),
          targetClasses: decodeTargets(Number(c.body.target_group ?? 0)),
        },
      },
      result: e.announcement_uuid,
    }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.announcement.announcement.createAnnouncement({
          type: String(body.type),
          title: String(body.title),
          content: String(body.content),
          targetGrade: Number(body.target_grade ?? 0),
          targetGroup: Number(body.target_group ?? 0),
        }),
        {
          status: 201,
          message: 'succeed to create announcement',
          fields: (r) => ({ announcement_uuid: r.announcementId }),
        },
      ),
  },
  {
    id: 63,
    method: 'GET',
    path: '/v1/announcements/types/:type',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetAnnouncementsRequest',
    fields: PAGE,
    graphql: { denial: 'announcement', field: root('Query.announcements') },
    cache: {
      field: 'announcements',
      args: (c) => ({ type: pathParam(c, 'type').toUpperCase() }),
      entities: announcementListTags,
    },
    handle: async ({ body, params, clients }) =>
      answer(await clients.announcement.announcement.getAnnouncements({ type: param(params, 'type'), ...page(body) }), {
        status: 200,
        message: 'succeed to get announcements',
        fields: listFields,
      }),
  },
  {
    id: 64,
    method: 'GET',
    path: '/v1/announcements/uuid/:announcement_uuid',
    auth: 'jwt',
    graphql: { denial: 'announcement', field: withPath('Query.announcement', 'id', 'announcement_uuid') },
    cache: { field: 'announcement', args: (c) => ({ id: pathParam(c, 'announcement_uuid') }) },
    // Reading an announcement marks it read for the caller (its unread check and lists change).
    writes: (c) => ({ field: 'Query.announcement', args: { id: pathParam(c, 'announcement_uuid') } }),
    handle: async ({ params, clients }) =>
      answer(
        await clients.announcement.announcement.getAnnouncementDetail({
          announcementId: param(params, 'announcement_uuid'),
        }),
        {
          status: 200,
          message: 'succeed to get announcement detail',
          fields: (r) => ({
            date: r.date,
            title: r.title,
            content: r.content,
            writer_name: r.writerName,
            target_grade: r.targetGrade,
            target_group: r.targetGroup,
            type: r.announcementType,
            next_title: r.nextTitle,
            next_announcement_uuid: r.nextAnnouncementId,
            previous_title: r.previousTitle,
            previous_announcement_uuid: r.previousAnnouncementId,
          }),
        },
      ),
  },
  {
    id: 65,
    method: 'PATCH',
    path: '/v1/announcements/uuid/:announcement_uuid',
    auth: 'jwt',
    struct: 'UpdateAnnouncementRequest',
    fields: WRITE_FIELDS,
    graphql: { denial: 'announcement', field: withPath('Mutation.updateAnnouncement', 'id', 'announcement_uuid') },
    writes: (c) => ({ field: 'updateAnnouncement', args: { id: pathParam(c, 'announcement_uuid') } }),
    // All four fields are overwritten, as the legacy route did (legacy-api.md §1.9 route 65).
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.announcement.announcement.updateAnnouncement({
          announcementId: param(params, 'announcement_uuid'),
          title: String(body.title ?? ''),
          content: String(body.content ?? ''),
          targetGrade: Number(body.target_grade ?? 0),
          targetGroup: Number(body.target_group ?? 0),
        }),
        {
          status: 200,
          message: 'succeed to update announcement',
          fields: (r) => ({ announcement_uuid: r.announcementId }),
        },
      ),
  },
  {
    id: 66,
    method: 'DELETE',
    path: '/v1/announcements/uuid/:announcement_uuid',
    auth: 'jwt',
    graphql: { denial: 'announcement', field: withPath('Mutation.deleteAnnouncement', 'id', 'announcement_uuid') },
    writes: (c) => ({ field: 'deleteAnnouncement', args: { id: pathParam(c, 'announcement_uuid') } }),
    handle: async ({ params, clients }) =>
      answer(
        await clients.announcement.announcement.deleteAnnouncement({
          announcementId: param(params, 'announcement_uuid'),
        }),
        {
          status: 200,
          message: 'succeed to delete announcement',
          fields: (r) => ({ announcement_uuid: r.announcementId }),
        },
      ),
  },
  {
    id: 67,
    method: 'GET',
    path: '/v1/students/uuid/:student_uuid/announcement-check',
    auth: 'jwt',
    graphql: {
      denial: 'announcement',
      field: root('Query.unreadAnnouncements'),
      skipRule:
        'legacy route 67 let any signed-in caller ask about a student named in the path (the path uuid, not the ' +
        'token, went to the service, legacy-api.md §1.9, §6.5); `unreadAnnouncements` is for the student ' +
        'themself. REST keeps the legacy answer: the service refuses a path uuid that is not a student (403 −1000).',
    },
    // QUIRK (route 67): the path's student is checked, not the caller: that student's readings drop it too.
    cache: { field: 'unreadAnnouncements', entities: (c) => [['unreadCheckOf', pathParam(c, 'student_uuid')]] },
    // QUIRK (legacy-api.md §6.5): the path uuid, not the token's, is what the service checks. Kept.
    handle: async ({ params, clients }) =>
      answer(await clients.announcement.announcement.checkAnnouncement({ uuid: param(params, 'student_uuid') }), {
        status: 200,
        message: 'succeed to check announcement',
        fields: (r) => ({ school: r.school, club: r.club }),
      }),
  },
  {
    id: 68,
    method: 'GET',
    path: '/v1/announcements/types/:type/query/:search_query',
    auth: 'jwt',
    bind: 'query',
    struct: 'SearchAnnouncementsRequest',
    fields: PAGE,
    graphql: { denial: 'announcement', field: root('Query.searchAnnouncements') },
    cache: {
      field: 'searchAnnouncements',
      args: (c) => ({ type: pathParam(c, 'type').toUpperCase() }),
      entities: announcementListTags,
    },
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.announcement.announcement.searchAnnouncements({
          type: param(params, 'type'),
          query: param(params, 'search_query'),
          ...page(body),
        }),
        { status: 200, message: 'succeed to search announcements', fields: listFields },
      ),
  },
  {
    id: 69,
    method: 'GET',
    path: '/v1/announcements/writer-uuid/:writer_uuid',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetMyAnnouncementsRequest',
    fields: PAGE,
    graphql: { denial: 'announcement', field: withPath('Query.announcementsByWriter', 'writerId', 'writer_uuid') },
    cache: {
      field: 'announcementsByWriter',
      args: (c) => ({ writerId: pathParam(c, 'writer_uuid') }),
      entities: announcementListTags,
    },
    // QUIRK (legacy-api.md §6.5): the path uuid is sent as the caller. Kept.
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.announcement.announcement.getMyAnnouncements({
          uuid: param(params, 'writer_uuid'),
          ...page(body),
        }),
        { status: 200, message: 'succeed to get my announcements', fields: listFields },
      ),
  },
];
