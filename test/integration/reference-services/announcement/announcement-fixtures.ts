import type { Metadata } from '@grpc/grpc-js';
import {
  AnnouncementServiceService,
  type AnnouncementPreview,
} from '../../../../grpc-clients/generated/announcement/announcement';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import type { ReferenceHarness } from '../../../helpers/reference-services';
import type { RequestOf } from '../../../../core/grpc-message-types';

export const ADMIN = DEMO_ACCOUNTS.admin.uuid;
export const TEACHER1 = DEMO_ACCOUNTS.teacher1.uuid;
/** Grade 2 class 1, leader of the DMS club. */
export const STUDENT1 = DEMO_ACCOUNTS.student1.uuid;
/** Grade 1 class 3, a DMS member but no leader. */
export const STUDENT2 = DEMO_ACCOUNTS.student2.uuid;
/** Leader of the Entry club. */
export const STUDENT3 = DEMO_ACCOUNTS.student3.uuid;
export const PARENT1 = DEMO_ACCOUNTS.parent1.uuid;

/** Demo announcements (reference-services/demo-data.ts), numbered in date order. */
export const ALL_GRADES = 'announcement-000000000001'; // school 123/1234, 3 days ago
export const GRADE2_CLASS1 = 'announcement-000000000002'; // school 2/1, 2 days ago
export const GRADE1 = 'announcement-000000000003'; // school 1/1234, 1 day ago
export const DMS_CLUB = 'announcement-000000000004'; // club, DMS

export const ERROR_CODE = -1000;

type Methods = typeof AnnouncementServiceService;

/** Calls one AnnouncementService RPC on the harness. */
export function announcementRpc(harness: ReferenceHarness) {
  return <K extends keyof Methods & string>(method: K, request: Partial<RequestOf<Methods[K]>>, metadata?: Metadata) =>
    harness.call('announcement', AnnouncementServiceService, method, request, metadata);
}

export const ids = (rows: AnnouncementPreview[]) => rows.map((row) => row.announcementId);

export const JSON_CONTENT = JSON.stringify({ text: '본문', items: [1, 2] });
