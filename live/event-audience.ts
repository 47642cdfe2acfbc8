import type { LiveEvent } from './live-events';
import type { LiveField } from './live-fields';
import type { Subscriber } from './subscriber';

/**
 * The one place that decides, per event and per subscriber, whether the event concerns the subscriber and the
 * subscriber may read its object right now, by the rules the queries follow:
 * - `myOutingUpdated`: the owning student (`outing`, `myOutings`: only the owner) and the owner's parents (their
 *   children's outings);
 * - `outingRequested`: teachers (`outings` lists every outing to every teacher; any teacher may act on any);
 * - `announcementPublished`: whoever the `announcements` list shows it to: a student sees a SCHOOL announcement
 *   when both their grade and their class are among its targets, and every CLUB announcement; other accounts see
 *   all of them (the announcement service's list rule, legacy-api.md §4.5).
 * The subscription field's own rule (`permissions/`, checked when it starts) already refused the wrong roles; the roles are
 * checked again here so that no event ever depends on that alone.
 */
export async function concerns(
  field: LiveField,
  args: Readonly<Record<string, unknown>>,
  event: LiveEvent,
  subscriber: Subscriber,
): Promise<boolean> {
  const { role, uuid } = subscriber.caller;
  switch (field) {
    case 'myOutingUpdated': {
      if (event.topic !== 'outing') return false;
      if (role === 'student') return event.outing.studentId === uuid;
      if (role === 'parent') return (await subscriber.childrenIds()).has(event.outing.studentId);
      return false;
    }
    case 'outingRequested':
      return event.topic === 'outing' && role === 'teacher';
    case 'announcementPublished': {
      if (event.topic !== 'announcement') return false;
      const { announcement } = event;
      if (args.type != null && args.type !== announcement.type) return false;
      if (role !== 'student' || announcement.type === 'CLUB') return true;
      const own = await subscriber.studentClass();
      return (
        own !== undefined &&
        announcement.targetGrades.includes(own.grade) &&
        announcement.targetClasses.includes(own.classNumber)
      );
    }
  }
}
