import type { GraphQLContext } from '../../src/context';
import type { OutingModel } from './models';
import { outingOfInform } from './outing-model';

/** GetOutingInform as the caller: only the owning student may read an outing by id (legacy-api.md §1.7 route 51). */
export async function readOuting(outingId: string, context: GraphQLContext): Promise<OutingModel> {
  return outingOfInform(await context.clients.outing.student.getOutingInform({ outingId }));
}
