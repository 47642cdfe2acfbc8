import { defaultFieldResolver, Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GraphQLContext } from '../src/context';
import { hasSideEffects } from './invalidation-rules';
import type { Write } from './write-port';

/** The writes of one execution, by its context (Apollo gives each operation of a batch a context of its own). */
const RECORDED = new WeakMap<object, Write[]>();
const WRAPPED = new WeakSet<GraphQLSchema>();

/**
 * Wraps every mutation and every query field with a side effect so that it records what it wrote, with its
 * coerced arguments and what it returned (its result as the resolver gave it, whatever the client selected).
 * Changes the schema in place, once.
 */
export function recordWrites(schema: GraphQLSchema): void {
  if (WRAPPED.has(schema)) return;
  WRAPPED.add(schema);
  const roots = [
    { type: schema.getMutationType(), name: (field: string) => field, writes: () => true },
    { type: schema.getQueryType(), name: (field: string) => `Query.${field}`, writes: hasSideEffects },
  ];
  for (const { type, name, writes } of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (!writes(field.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const writeName = name(field.name);
      field.resolve = async (parent, args: Record<string, unknown>, context: GraphQLContext, info) => {
        const recorded = RECORDED.get(context);
        const write = { field: writeName, args, caller: context.caller, requestId: context.requestId };
        try {
          const result: unknown = await resolve(parent, args, context, info);
          recorded?.push({ ...write, result, succeeded: true });
          return result;
        } catch (error) {
          // It ran: an upstream timeout may still have committed the write.
          recorded?.push({ ...write, succeeded: false });
          throw error;
        }
      };
    }
  }
}

/** Whether an operation may write: a mutation, or a query selecting a field with a side effect at its root. */
export function mayWrite(operation: OperationDefinitionNode): boolean {
  if (operation.operation === 'mutation') return true;
  if (operation.operation !== 'query') return false;
  return operation.selectionSet.selections.some(
    (selection) => selection.kind !== Kind.FIELD || hasSideEffects(selection.name.value),
  );
}

/**
 * Starts recording the writes one execution makes (its context is the execution's own): the operation's executor
 * reports each to the write port (`write-port.ts`) after the operation ran and before it is answered, in the order
 * they ran. REST reports its writes to the same port.
 */
export function recordingFor(context: object): Write[] {
  const recorded: Write[] = [];
  RECORDED.set(context, recorded);
  return recorded;
}
