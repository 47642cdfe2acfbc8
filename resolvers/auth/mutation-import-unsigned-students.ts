import { parseUnsignedStudentsWorkbook } from '../../core/excel/parse-unsigned-students';
import { LegacyGatewayCode } from '../../core/error-codes';
import { BadUserInputError } from '../../core/errors';
import type { MutationResolvers } from '../generated/resolvers-types';
import { readUpload } from '../base/read-upload';

/** Legacy routes 7 and 8: the gateway parses the workbook, the service stores the rows. */
export const importUnsignedStudents: MutationResolvers['importUnsignedStudents'] = async (
  _parent,
  { file, sheet },
  { clients },
) => {
  const { bytes, filename } = await readUpload(file);
  if (!filename.endsWith('.xlsx')) {
    throw new BadUserInputError(`the file must be an .xlsx workbook, got ${filename}`, {
      legacyCode: LegacyGatewayCode.VALIDATION_FAILURE,
    });
  }
  const { students } = await parseUnsignedStudentsWorkbook(bytes, { sheet: sheet ?? undefined });
  const reply = await clients.auth.admin.addUnsignedStudents({
    Students: students.map((student) => ({
      Name: student.name,
      PhoneNumber: student.phoneNumber,
      Grade: student.grade,
      Group: student.group,
      StudentNumber: student.studentNumber,
    })),
  });
  return { requested: students.length, added: reply.AddCount, notAdded: reply.NoAddCount, message: reply.Message };
};
