import { mintId } from '../shared/ids';

/** The legacy MySQL enum (legacy-api.md §4.1). */
export const OUTING_STATUSES = ['0', '1', '-1', '2', '-2', '3', '4', '5'] as const;
export type OutingStatus = (typeof OUTING_STATUSES)[number];

/**
 * One outing row. Times are stored as the legacy service stored them: KST wall-clock read back as if it were UTC,
 * i.e. true unix seconds + 32 400 (legacy-api.md §0.7). `kst-time.ts` converts at the edges.
 */
export interface OutingRecord {
  uuid: string;
  studentUuid: string;
  status: OutingStatus;
  /** Upper-case enum as stored: `NORMAL` / `EMERGENCY`. */
  situation: string;
  place: string;
  reason: string;
  startKst: number;
  endKst: number;
  /** 0 while the student has not come back. */
  arrivalKst: number;
  /** The teacher who certified the outing; '' until then. */
  acceptedTeacher: string;
}

/** In-memory twin of the outing table and of the redis confirm-code keys (confirm code → outing uuid). */
export interface OutingStore {
  get(uuid: string): OutingRecord | undefined;
  all(): OutingRecord[];
  /** Mints `outing-` + 12 digits, unique in the store. */
  mintUuid(): string;
  save(outing: OutingRecord): void;
  outingUuidOfConfirmCode(code: string): string | undefined;
  saveConfirmCode(code: string, outingUuid: string): void;
  deleteConfirmCode(code: string): void;
}

export function createOutingStore(): OutingStore {
  const outings = new Map<string, OutingRecord>();
  const confirmCodes = new Map<string, string>();
  return {
    get: (uuid) => outings.get(uuid),
    all: () => [...outings.values()],
    mintUuid: () => mintId('outing', (id) => outings.has(id)),
    save: (outing) => {
      outings.set(outing.uuid, outing);
    },
    outingUuidOfConfirmCode: (code) => confirmCodes.get(code),
    saveConfirmCode: (code, outingUuid) => {
      confirmCodes.set(code, outingUuid);
    },
    deleteConfirmCode: (code) => {
      confirmCodes.delete(code);
    },
  };
}
