import type { AnnouncementType } from '../generated/resolvers-types';

const LEGACY_TYPE_OF = { SCHOOL: 'school', CLUB: 'club' } as const satisfies Record<AnnouncementType, string>;

/** The service's `type` string of the enum value. */
export function legacyTypeOf(type: AnnouncementType): (typeof LEGACY_TYPE_OF)[AnnouncementType] {
  return LEGACY_TYPE_OF[type];
}

/** The enum value of the service's `announcement_type`; anything else is a broken reply (masked, logged). */
export function announcementTypeOf(legacy: string): AnnouncementType {
  if (legacy === 'school') return 'SCHOOL';
  if (legacy === 'club') return 'CLUB';
  throw new Error(`announcement service sent an unknown type: ${legacy}`);
}
