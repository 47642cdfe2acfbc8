import { credentials } from '@grpc/grpc-js';
import {
  AnnouncementServiceClient,
  type GetAnnouncementsResponse,
} from '../../grpc-clients/generated/announcement/announcement';
import { legacyMetadata } from '../helpers/reference-services';

/**
 * What the announcement service holds, read over gRPC straight from its server (not through the gateway, nor
 * through the slow link): every school announcement the writer has, as title → ids. A title written once by
 * the load must appear at most once.
 */
export async function readAnnouncementLedger(address: string, writerUuid: string): Promise<Map<string, string[]>> {
  const client = new AnnouncementServiceClient(address, credentials.createInsecure());
  try {
    const reply = await new Promise<GetAnnouncementsResponse>((resolve, reject) =>
      client.getMyAnnouncements(
        { uuid: writerUuid, start: 0, count: 1_000_000 },
        legacyMetadata(),
        { deadline: Date.now() + 10_000 },
        (error, response) => (error ? reject(error) : resolve(response)),
      ),
    );
    if (reply.status !== 200) throw new Error(`GetMyAnnouncements answered ${reply.status}: ${reply.msg}`);
    const ledger = new Map<string, string[]>();
    for (const preview of reply.announcement) {
      ledger.set(preview.title, [...(ledger.get(preview.title) ?? []), preview.announcementId]);
    }
    return ledger;
  } finally {
    client.close();
  }
}
