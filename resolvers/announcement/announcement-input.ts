import type { UpdateAnnouncementInput } from '../generated/resolvers-types';
import { invalidInput } from '../base/invalid-input';
import { encodeTargets } from './target-digits';

// The legacy gateway's rules (legacy-api.md §1.9 route 62), counted in characters as Go's validator did.
const TITLE_MAX_LENGTH = 50;
const CONTENT_MAX_LENGTH = 1000;
const ALL_GRADES = [1, 2, 3];
const ALL_CLASSES = [1, 2, 3, 4];

/**
 * The title, content and target fields of CreateAnnouncement/UpdateAnnouncement. The service stores the content
 * as a JSON document, so it goes as the object's JSON text; targets left out (or null) mean everyone.
 */
export function announcementFields(input: UpdateAnnouncementInput) {
  const titleLength = [...input.title].length;
  if (titleLength === 0 || titleLength > TITLE_MAX_LENGTH) {
    throw invalidInput(`title must be 1 to ${TITLE_MAX_LENGTH} characters`);
  }
  const content = JSON.stringify(input.content);
  if ([...content].length > CONTENT_MAX_LENGTH) {
    throw invalidInput(`content must be at most ${CONTENT_MAX_LENGTH} characters as JSON`);
  }
  return {
    title: input.title,
    content,
    targetGrade: encodeTargets(input.targetGrades ?? ALL_GRADES, 3, 'targetGrades'),
    targetGroup: encodeTargets(input.targetClasses ?? ALL_CLASSES, 4, 'targetClasses'),
  };
}
