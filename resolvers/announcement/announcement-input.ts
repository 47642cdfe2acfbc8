import type { InputMaybe, UpdateAnnouncementInput } from '../generated/resolvers-types';
import { encodeTargets } from './target-digits';

const ALL_GRADES = [1, 2, 3];
const ALL_CLASSES = [1, 2, 3, 4];

/** The targets as the service stores them (digit sets); left out (or null) means everyone. */
export function announcementTargets(input: {
  targetGrades?: InputMaybe<readonly number[]>;
  targetClasses?: InputMaybe<readonly number[]>;
}) {
  return {
    targetGrade: encodeTargets(input.targetGrades ?? ALL_GRADES),
    targetGroup: encodeTargets(input.targetClasses ?? ALL_CLASSES),
  };
}

/**
 * The title, content and target fields of CreateAnnouncement/UpdateAnnouncement; `@constraint` has checked the
 * lengths and target ranges (legacy-api.md §1.9 route 62). The service stores the content as a JSON document, so
 * it goes as the object's JSON text; targets left out (or null) mean everyone.
 */
export function announcementFields(input: UpdateAnnouncementInput) {
  return { title: input.title, content: JSON.stringify(input.content), ...announcementTargets(input) };
}
