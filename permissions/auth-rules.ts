import { allow } from 'graphql-shield';
import type { RuleTypeMap } from './shield-types';
import {
  isAdmin,
  isAuthenticated,
  isAuthenticatedOrOwnLoginReply,
  isParentThemselfOrAdmin,
  isSelfOrAdmin,
  isStudentThemselfOrAdmin,
} from './rules';

/**
 * Accounts (legacy routes 3–28): any signed-in role reads any account; the account itself or an admin changes
 * it and reads its relationships; admins create accounts; logins, teacher registration and sign-up by code are
 * open.
 */
export const authRules: RuleTypeMap = {
  Query: {
    parent: isAuthenticated,
    parents: isAuthenticated,
    student: isAuthenticated,
    studentsByIds: isAuthenticated,
    students: isAuthenticated,
    teacher: isAuthenticated,
    teachers: isAuthenticated,
    unsignedStudent: allow,
  },
  Mutation: {
    loginAdmin: allow,
    loginParent: allow,
    loginStudent: allow,
    loginTeacher: allow,
    registerTeacher: allow,
    signUpWithAuthCode: allow,
    changeParentPassword: isSelfOrAdmin('parent'),
    changeStudentPassword: isSelfOrAdmin('student'),
    changeTeacherPassword: isSelfOrAdmin('teacher'),
    changeTeacherPhoneNumber: isSelfOrAdmin('teacher'),
    createParent: isAdmin,
    createStudent: isAdmin,
    importUnsignedStudents: isAdmin,
    sendJoinSms: isAdmin,
  },
  // An anonymous caller reaches an account only through a login reply, `registerTeacher` or `signUpWithAuthCode`;
  // only the login reply shows more than the id.
  Student: {
    '*': isAuthenticatedOrOwnLoginReply,
    id: allow,
    role: allow,
    parentStatus: isAuthenticated,
    parent: isStudentThemselfOrAdmin,
  },
  Teacher: {
    '*': isAuthenticatedOrOwnLoginReply,
    id: allow,
    role: allow,
  },
  Parent: {
    '*': isAuthenticatedOrOwnLoginReply,
    id: allow,
    role: allow,
    children: isParentThemselfOrAdmin,
  },
  HomeroomClass: { '*': allow },
  UnsignedStudent: { '*': allow },
  UnsignedStudentImport: { '*': allow },
  JoinSmsResult: { '*': allow },
};
