import type { Resolvers } from '../generated/resolvers-types';
import { loginAdmin } from './mutation-login-admin';
import { loginStudent } from './mutation-login-student';
import { loginTeacher } from './mutation-login-teacher';
import { loginParent } from './mutation-login-parent';
import { changeStudentPassword } from './mutation-change-student-password';
import { changeTeacherPassword } from './mutation-change-teacher-password';
import { changeParentPassword } from './mutation-change-parent-password';
import { changeTeacherPhoneNumber } from './mutation-change-teacher-phone-number';
import { createStudent } from './mutation-create-student';
import { createParent } from './mutation-create-parent';
import { registerTeacher } from './mutation-register-teacher';
import { signUpWithAuthCode } from './mutation-sign-up-with-auth-code';
import { importUnsignedStudents } from './mutation-import-unsigned-students';
import { sendJoinSms } from './mutation-send-join-sms';
import { student } from './query-student';
import { studentsByIds } from './query-students-by-ids';
import { students } from './query-students';
import { teacher } from './query-teacher';
import { teachers } from './query-teachers';
import { parent } from './query-parent';
import { parents } from './query-parents';
import { unsignedStudent } from './query-unsigned-student';
import { studentName } from './student-name';
import { studentGrade } from './student-grade';
import { studentClassNumber } from './student-class-number';
import { studentNumber } from './student-number';
import { studentPhoneNumber } from './student-phone-number';
import { studentProfileImageUri } from './student-profile-image-uri';
import { studentParentStatus } from './student-parent-status';
import { studentParent } from './student-parent';
import { teacherName } from './teacher-name';
import { teacherHomeroom } from './teacher-homeroom';
import { teacherPhoneNumber } from './teacher-phone-number';
import { parentName } from './parent-name';
import { parentPhoneNumber } from './parent-phone-number';
import { parentChildren } from './parent-children';

export const authResolvers: Resolvers = {
  Query: { student, studentsByIds, students, teacher, teachers, parent, parents, unsignedStudent },
  Mutation: {
    loginAdmin,
    loginStudent,
    loginTeacher,
    loginParent,
    changeStudentPassword,
    changeTeacherPassword,
    changeParentPassword,
    changeTeacherPhoneNumber,
    createStudent,
    createParent,
    registerTeacher,
    signUpWithAuthCode,
    importUnsignedStudents,
    sendJoinSms,
  },
  Student: {
    name: studentName,
    grade: studentGrade,
    classNumber: studentClassNumber,
    number: studentNumber,
    phoneNumber: studentPhoneNumber,
    profileImageUri: studentProfileImageUri,
    parentStatus: studentParentStatus,
    parent: studentParent,
  },
  Teacher: {
    name: teacherName,
    homeroom: teacherHomeroom,
    phoneNumber: teacherPhoneNumber,
  },
  Parent: { name: parentName, phoneNumber: parentPhoneNumber, children: parentChildren },
};
