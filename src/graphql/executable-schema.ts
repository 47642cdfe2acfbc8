import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../../resolvers';
import { loadTypeDefs } from './type-defs';

/** The one schema over all five services: SDL from schema/, resolvers from resolvers/. */
export function createExecutableSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
}
