import { sameSeat, type AuthStore, type ParentAccount, type StudentAccount } from './store';

function childMatches(row: ParentAccount['children'][number], student: StudentAccount): boolean {
  return sameSeat(row, student) && row.name === student.name;
}

function link(parent: ParentAccount, row: ParentAccount['children'][number], student: StudentAccount): void {
  row.studentUuid = student.uuid;
  student.parentUuid = parent.uuid;
  student.parentStatus = 'OK_CONN_NO_NOTIFY';
}

/**
 * On parent creation each child row is matched to an existing student by grade/class/number/name
 * (legacy-api.md §4.4). A match overwrites an earlier link, as a plain UPDATE would *(inferred)*.
 */
export function linkChildrenOfNewParent(store: AuthStore, parent: ParentAccount): void {
  for (const row of parent.children) {
    for (const student of store.students.values()) {
      if (childMatches(row, student)) {
        link(parent, row, student);
        break;
      }
    }
  }
}

/** A student who signs up with an auth code is linked to the first parent whose child row matches. */
export function linkNewStudentToParent(store: AuthStore, student: StudentAccount): void {
  for (const parent of store.parents.values()) {
    const row = parent.children.find((child) => child.studentUuid === '' && childMatches(child, student));
    if (row) {
      link(parent, row, student);
      return;
    }
  }
}

/**
 * GetStudentInformWithUUID reports "CONNECTED"/"UN_CONNECTED" only on the first read after linking or
 * creation, then "" (legacy-api.md §4.4); the read flips the internal "notified" flag.
 */
export function reportParentStatus(student: StudentAccount): string {
  switch (student.parentStatus) {
    case 'OK_CONN_NO_NOTIFY':
      student.parentStatus = 'OK_CONN_OK_NOTIFY';
      return 'CONNECTED';
    case 'NO_CONN_NO_NOTIFY':
      student.parentStatus = 'NO_CONN_OK_NOTIFY';
      return 'UN_CONNECTED';
    case 'OK_CONN_OK_NOTIFY':
    case 'NO_CONN_OK_NOTIFY':
      return '';
  }
}
