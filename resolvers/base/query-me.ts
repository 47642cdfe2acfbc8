import type { QueryResolvers } from '../generated/resolvers-types';
import { accountModelOf } from './account-model';

export const me: QueryResolvers['me'] = (_parent, _args, { caller }) => (caller ? accountModelOf(caller.uuid) : null);
