/** Demo clubs, their logos and DMS's open-ended recruitment (reference-services/demo-data.ts). */
import type { ObjectStore } from '../adapters/object-store';
import { DEMO_CLUBS, DEMO_RECRUITMENT } from '../demo-data';
import { logoKey } from './context';
import { todayDate } from './rules';
import type { ClubStore } from './store';

/** A 1×1 transparent PNG, so the demo logo keys point at a real image. */
const DEMO_LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export async function seedClubDemoData(store: ClubStore, objectStore: ObjectStore, nowMs: number): Promise<void> {
  for (const club of DEMO_CLUBS) {
    await objectStore.put(logoKey(club.uuid), DEMO_LOGO);
    store.addClub({
      uuid: club.uuid,
      leaderUuid: club.leaderUuid,
      memberUuids: [...club.memberUuids],
      name: club.name,
      clubConcept: club.clubConcept,
      introduction: club.introduction,
      field: club.field,
      location: club.location,
      floor: club.floor,
      link: club.link,
      logoUri: logoKey(club.uuid),
      updatedAt: nowMs,
    });
  }
  store.addRecruitment({
    uuid: DEMO_RECRUITMENT.uuid,
    clubUuid: DEMO_RECRUITMENT.clubUuid,
    recruitConcept: DEMO_RECRUITMENT.recruitConcept,
    members: DEMO_RECRUITMENT.members.map((m) => ({ Grade: m.grade, Field: m.field, Number: m.number })),
    startPeriod: todayDate(nowMs),
    endPeriod: DEMO_RECRUITMENT.endPeriod,
    createdAt: nowMs,
  });
}
