import { demoOutings } from '../demo-data';
import { toKst } from './outing-rules';
import { OUTING_STATUSES, type OutingStatus, type OutingStore } from './store';

function isOutingStatus(value: string): value is OutingStatus {
  return (OUTING_STATUSES as readonly string[]).includes(value);
}

/** One outing in each state (demo-data.ts), stored as KST wall-clock; the "0" one keeps its confirm code. */
export function seedDemoOutings(store: OutingStore, nowMs: number): void {
  for (const demo of demoOutings(nowMs)) {
    if (!isOutingStatus(demo.status)) throw new Error(`demo outing ${demo.uuid} has unknown status ${demo.status}`);
    store.save({
      uuid: demo.uuid,
      studentUuid: demo.studentUuid,
      status: demo.status,
      situation: demo.situation,
      place: demo.place,
      reason: demo.reason,
      startKst: toKst(demo.startTime),
      endKst: toKst(demo.endTime),
      arrivalKst: demo.arrivalTime === 0 ? 0 : toKst(demo.arrivalTime),
      acceptedTeacher: demo.acceptedTeacher,
    });
    if (demo.confirmCode !== '') store.saveConfirmCode(demo.confirmCode, demo.uuid);
  }
}
