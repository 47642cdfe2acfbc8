import type { MutationResolvers } from '../generated/resolvers-types';

/** Legacy route 6, without its QUIRK of reporting the sent count as the not-sent count (legacy-api.md §6.2). */
export const sendJoinSms: MutationResolvers['sendJoinSms'] = async (
  _parent,
  { grade, classNumber, number },
  { clients },
) => {
  const reply = await clients.auth.admin.sendJoinSmsToUnsignedStudents({
    TargetGrade: grade ?? 0,
    TargetGroup: classNumber ?? 0,
    TargetNumber: number ?? 0,
  });
  return { sent: reply.SendCount, notSent: reply.NoSendCount };
};
