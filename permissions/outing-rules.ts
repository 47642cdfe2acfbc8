import { allow } from 'graphql-shield';
import type { RuleTypeMap } from './shield-types';
import { FORBIDDEN_CODE, hasRole, isOutingOwner } from './rules';

const isStudent = hasRole(['student'], FORBIDDEN_CODE.outing);
const isTeacher = hasRole(['teacher'], FORBIDDEN_CODE.outing);
const isStudentOrParent = hasRole(['student', 'parent'], FORBIDDEN_CODE.outing);

/**
 * Outings (legacy routes 49–56): a student creates, reads and starts only their own; teachers approve, reject,
 * end, certify, change and filter; a confirm code is enough for the parent's read and decision. −2601 otherwise.
 * Live updates: students and parents follow their own (their children's) outings, teachers every outing.
 */
export const outingRules: RuleTypeMap = {
  Query: {
    myOutings: isStudent,
    outing: isOutingOwner,
    outingCard: isOutingOwner,
    outings: isTeacher,
    outingByConfirmCode: allow,
  },
  Mutation: {
    createOuting: isStudent,
    startOuting: isOutingOwner,
    endOuting: isTeacher,
    approveOuting: isTeacher,
    rejectOuting: isTeacher,
    certifyOuting: isTeacher,
    changeOutingEndTime: isTeacher,
    approveOutingByConfirmCode: allow,
    rejectOutingByConfirmCode: allow,
  },
  // Who gets which event is decided per event and per subscriber (live/event-audience.ts).
  Subscription: {
    myOutingUpdated: isStudentOrParent,
    outingRequested: isTeacher,
  },
  Outing: { '*': allow },
  OutingCard: { '*': allow },
  ConfirmCodeOuting: { '*': allow },
  OutingChange: { '*': allow },
};
