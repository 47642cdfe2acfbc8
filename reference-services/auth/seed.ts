import type { ObjectStore } from '../adapters/object-store';
import { DEMO_ACCOUNTS, DEMO_UNSIGNED_STUDENT } from '../demo-data';
import { hashPasswordSync } from './passwords';
import { preProfileKey, profileKey } from './profiles';
import type { AuthStore, StudentAccount } from './store';

/** Stand-in image bytes (a PNG signature) for the seeded profile objects. */
const DEMO_IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The demo accounts of design.md §2, the unsigned student and their S3 objects. */
export async function seedAuthDemoData(store: AuthStore, objectStore: ObjectStore): Promise<void> {
  const { admin, teacher1, student1, student2, student3, parent1 } = DEMO_ACCOUNTS;
  store.admins.set(admin.uuid, { uuid: admin.uuid, adminId: admin.id, passwordHash: hashPasswordSync(admin.password) });
  store.teachers.set(teacher1.uuid, {
    uuid: teacher1.uuid,
    teacherId: teacher1.id,
    passwordHash: hashPasswordSync(teacher1.password),
    certified: teacher1.certified,
    grade: teacher1.grade,
    group: teacher1.group,
    name: teacher1.name,
    phoneNumber: teacher1.phoneNumber,
  });

  for (const demo of [student1, student2, student3]) {
    const student: StudentAccount = {
      uuid: demo.uuid,
      studentId: demo.id,
      passwordHash: hashPasswordSync(demo.password),
      parentUuid: demo.parentUuid,
      grade: demo.grade,
      group: demo.group,
      studentNumber: demo.studentNumber,
      name: demo.name,
      phoneNumber: demo.phoneNumber,
      profileUri: profileKey(demo.uuid),
      // Not yet reported, so the first read says CONNECTED (student1) or UN_CONNECTED.
      parentStatus: demo.parentUuid === '' ? 'NO_CONN_NO_NOTIFY' : 'OK_CONN_NO_NOTIFY',
    };
    store.students.set(student.uuid, student);
    await objectStore.put(student.profileUri, DEMO_IMAGE);
  }

  store.parents.set(parent1.uuid, {
    uuid: parent1.uuid,
    parentId: parent1.id,
    passwordHash: hashPasswordSync(parent1.password),
    name: parent1.name,
    phoneNumber: parent1.phoneNumber,
    children: parent1.children.map((child) => ({
      ...child,
      studentUuid: child.name === student1.name ? student1.uuid : '',
    })),
  });

  store.unsignedStudents.set(DEMO_UNSIGNED_STUDENT.authCode, { ...DEMO_UNSIGNED_STUDENT });
  await objectStore.put(preProfileKey(DEMO_UNSIGNED_STUDENT), DEMO_IMAGE);
}
