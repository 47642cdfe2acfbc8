import { ConflictError, NotFoundError } from '../../../core/errors';
import { createLoaders } from '../../../grpc-clients/loaders';
import type { ServiceClients } from '../../../grpc-clients/service-clients';

/** Auth's GetStudentInformsWithUUIDs as the service behaves: one unknown id fails the whole batch (409 −601). */
function fakeClients(known: string[]) {
  const batches: string[][] = [];
  const clients = {
    auth: {
      student: {
        getStudentInformsWithUuiDs: async ({ StudentUUIDs }: { StudentUUIDs: string[] }) => {
          batches.push(StudentUUIDs);
          if (StudentUUIDs.some((id) => !known.includes(id))) {
            throw new ConflictError('conflict (reason: unknown student uuid)', { legacyCode: -601 });
          }
          return {
            StudentInforms: StudentUUIDs.map((StudentUUID) => ({ StudentUUID, Name: `name of ${StudentUUID}` })),
          };
        },
      },
    },
  } as unknown as ServiceClients;
  return { clients, batches };
}

describe('student loader', () => {
  it('loads every id of a tick in one batch call, deduplicated', async () => {
    const { clients, batches } = fakeClients(['student-1', 'student-2']);
    const loaders = createLoaders(clients);
    const names = await Promise.all(['student-1', 'student-2', 'student-1'].map((id) => loaders.student.load(id)));
    expect(names.map((s) => s.Name)).toEqual(['name of student-1', 'name of student-2', 'name of student-1']);
    expect(batches).toEqual([['student-1', 'student-2']]);
  });

  it('falls back to one call per id when an unknown id fails the batch, so only that id fails', async () => {
    const { clients, batches } = fakeClients(['student-1', 'student-2']);
    const results = await createLoaders(clients).student.loadMany(['student-1', 'gone', 'student-2']);
    expect((results[0] as { Name: string }).Name).toBe('name of student-1');
    expect(results[1]).toBeInstanceOf(ConflictError);
    expect((results[2] as { Name: string }).Name).toBe('name of student-2');
    expect(batches).toEqual([['student-1', 'gone', 'student-2'], ['student-1'], ['gone'], ['student-2']]);
  });

  it('answers NOT_FOUND for an id the batch reply leaves out', async () => {
    const clients = {
      auth: { student: { getStudentInformsWithUuiDs: async () => ({ StudentInforms: [] }) } },
    } as unknown as ServiceClients;
    await expect(createLoaders(clients).student.load('student-9')).rejects.toBeInstanceOf(NotFoundError);
  });
});
