import type { Loaders } from '../grpc-clients/loaders';
import type { ServiceClients } from '../grpc-clients/service-clients';
import type { OutingStatus } from '../resolvers/generated/resolvers-types';
import type { OutingModel } from '../resolvers/outing/models';
import { legacyOutingStatus } from '../resolvers/outing/outing-enums';
import { outingOfFilterRow, outingOfInform } from '../resolvers/outing/outing-model';
import type { OutingSnapshot } from './live-events';

/** Rows per page when a teacher's write is looked up in the teacher filter, and how many pages at most. */
const FILTER_PAGE = 20;
const FILTER_PAGES = 5;

const ms = (value: Date | string | number): number => (typeof value === 'number' ? value : new Date(value).getTime());

function snapshotOf(model: OutingModel, studentId: string): OutingSnapshot {
  return {
    id: model.id,
    studentId,
    place: model.place,
    reason: model.reason,
    situation: model.situation,
    status: model.status,
    startsAt: ms(model.startsAt),
    endsAt: ms(model.endsAt),
    arrivedAt: model.arrivedAt == null ? null : ms(model.arrivedAt),
    isLate: model.isLate ?? null,
  };
}

/** An outing read back by its owning student, who just wrote it (created or started it). */
export async function ownOutingSnapshot(clients: ServiceClients, outingId: string): Promise<OutingSnapshot> {
  const reply = await clients.outing.student.getOutingInform({ outingId });
  return snapshotOf(outingOfInform(reply), reply.studentUuid);
}

/**
 * An outing read back by the teacher who just acted on it. Only the owner may read an outing by id, so it is
 * found in the teacher filter among the outings with the status the step left it in, newest start first (the one
 * just acted on is usually on the first page); its row names the student by grade, class and number, which auth
 * turns into the id. Undefined when it is not among the first pages (another write moved it on meanwhile).
 */
export async function teacherOutingSnapshot(
  clients: ServiceClients,
  loaders: Loaders,
  outingId: string,
  status: OutingStatus,
): Promise<OutingSnapshot | undefined> {
  for (let page = 0; page < FILTER_PAGES; page += 1) {
    const reply = await clients.outing.teacher.getOutingWithFilter({
      status: legacyOutingStatus(status),
      grade: 0,
      group: 0,
      floor: 0,
      startTime: 0,
      endTime: 0,
      start: page * FILTER_PAGE,
      count: FILTER_PAGE,
    });
    const row = reply.outing.find((candidate) => candidate.outingId === outingId);
    if (row) {
      const studentId = await loaders.studentIdByNumber.load({
        grade: row.grade,
        group: row.group,
        number: row.number,
        name: row.name,
      });
      return snapshotOf(outingOfFilterRow(row), studentId);
    }
    if (reply.outing.length < FILTER_PAGE) return undefined;
  }
  return undefined;
}
