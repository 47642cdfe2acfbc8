import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';

/**
 * graphql-js' `subscribe`, except that each event executes with a context of its own (`contextOfEvent`): an event
 * may come hours after the subscription started, and needs fresh upstream deadlines and fresh per-request caches
 * (DataLoaders) rather than those of the subscribe message. The source stream itself is the subscription field's
 * `subscribe` resolver, run once with the subscription's context.
 */
export async function subscribeEachEvent(
  args: ExecutionArgs,
  contextOfEvent: () => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  return mapEvents(source, (event) => execute({ ...args, rootValue: event, contextValue: contextOfEvent() }));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * An iterator over the executed events. Not an async generator: `return()` must reach the source at once even
 * while the source is waiting for its next event (graphql-js' own `mapAsyncIterator` is written so too).
 */
function mapEvents(
  source: AsyncIterable<unknown>,
  run: (event: unknown) => ExecutionResult | Promise<ExecutionResult>,
): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const item = await iterator.next();
      if (item.done) return { done: true, value: undefined };
      return { done: false, value: await run(item.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: GraphQLError | undefined) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
