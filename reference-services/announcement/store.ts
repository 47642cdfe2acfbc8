import { mintId } from '../shared/ids';

export const ANNOUNCEMENT_TYPES = ['school', 'club'] as const;
export type AnnouncementType = (typeof ANNOUNCEMENT_TYPES)[number];

export function isAnnouncementType(value: string): value is AnnouncementType {
  return (ANNOUNCEMENT_TYPES as readonly string[]).includes(value);
}

/**
 * One announcement: the MySQL `tbl_announcement` row and the MongoDB `col_announcement_detail` document of the
 * legacy service in one record (legacy-api.md §4.5).
 */
export interface AnnouncementRecord {
  /** Auto-increment; next/previous navigation walks it within one type. */
  number: number;
  uuid: string;
  writerUuid: string;
  /** Unix milliseconds. */
  date: number;
  title: string;
  /** Digit sets kept as strings, e.g. "13" = grades 1 and 3. */
  targetGrade: string;
  targetGroup: string;
  type: AnnouncementType;
  /** The writer's club for a club announcement written by a club leader; '' otherwise. */
  clubUuid: string;
  /** The club's name, fixed at creation (the legacy row stored the name); shown as `writer_name`. */
  clubName: string;
  /** The MongoDB document. */
  content: Record<string, unknown>;
  /** Account uuids that opened the detail. */
  readAccounts: Set<string>;
}

export type NewAnnouncement = Omit<AnnouncementRecord, 'number' | 'uuid' | 'readAccounts'> & { uuid?: string };

export interface AnnouncementStore {
  insert(fields: NewAnnouncement): AnnouncementRecord;
  get(uuid: string): AnnouncementRecord | undefined;
  remove(uuid: string): boolean;
  /** Every announcement in `number` order. */
  all(): AnnouncementRecord[];
}

export function createAnnouncementStore(): AnnouncementStore {
  const byUuid = new Map<string, AnnouncementRecord>();
  let lastNumber = 0;
  return {
    insert(fields) {
      const uuid = fields.uuid ?? mintId('announcement', (id) => byUuid.has(id));
      lastNumber += 1;
      const record: AnnouncementRecord = { ...fields, uuid, number: lastNumber, readAccounts: new Set() };
      byUuid.set(uuid, record);
      return record;
    },
    get: (uuid) => byUuid.get(uuid),
    remove: (uuid) => byUuid.delete(uuid),
    // Map iteration keeps insertion order, which is `number` order.
    all: () => [...byUuid.values()],
  };
}
