import type { AnnouncementPreview } from '../../grpc-clients/generated/announcement/announcement';
import type { CallMetadata } from '../shared/call-metadata';
import type { PeerLookups } from './peer-lookups';
import type { AnnouncementRecord } from './store';

/**
 * `writer_name`: the club's name for a club leader's announcement, otherwise the writer's account name from auth
 * (legacy-api.md §4.5). Memoised per call so a page asks auth once per writer.
 */
export function createWriterNames(lookups: PeerLookups, caller: CallMetadata) {
  const names = new Map<string, Promise<string>>();
  return (record: AnnouncementRecord): Promise<string> => {
    if (record.clubName) return Promise.resolve(record.clubName);
    let name = names.get(record.writerUuid);
    if (!name) {
      name = lookups.accountName(record.writerUuid, caller);
      names.set(record.writerUuid, name);
    }
    return name;
  };
}

/** One list row; `views` counts distinct readers, `is_checked` says whether the viewer is one of them. */
export async function toPreviews(
  records: readonly AnnouncementRecord[],
  viewerUuid: string,
  lookups: PeerLookups,
  caller: CallMetadata,
): Promise<AnnouncementPreview[]> {
  const writerName = createWriterNames(lookups, caller);
  return Promise.all(
    records.map(async (record) => ({
      number: record.number,
      announcementId: record.uuid,
      writerName: await writerName(record),
      title: record.title,
      date: record.date,
      views: record.readAccounts.size,
      isChecked: record.readAccounts.has(viewerUuid) ? 1 : 0,
    })),
  );
}
