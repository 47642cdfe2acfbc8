import type { AnnouncementPreviewResolvers } from '../generated/resolvers-types';
import { accountModelOf } from '../base/account-model';

export const writer: AnnouncementPreviewResolvers['writer'] = (row) =>
  row.writerId === undefined ? null : accountModelOf(row.writerId);
