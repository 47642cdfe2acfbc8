import type { Plugin } from '@envelop/core';
import { useResponseCache as useEnvelopResponseCache, type Cache } from '@envelop/response-cache';
import {
  getArgumentValues,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
} from 'graphql';
import { ErrorCode, UnavailableReason } from '../core/error-codes';
import { isGatewayError } from '../core/errors';
import type { GraphQLContext } from '../src/context';
import { ttlPerSchemaCoordinate } from './cache-policy';
import { readTagsOf } from './invalidation-rules';
import { analyzeOperation, type RootField } from './operation-analysis';
import { sessionOf, type ResponseCache } from './response-cache';

/** What the plugin decided for one cacheable query execution. */
interface CachedRead {
  key: string;
  session: string;
  tags: string[];
  /** The store's clock at the lookup that missed (0 = unknown: do not store). */
  readAt: number;
}

type Execute = (args: ExecutionArgs) => unknown;

const printedDocuments = new WeakMap<DocumentNode, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

/**
 * The response cache: `@envelop/response-cache` (lookup, TTL per schema coordinate, entity collection, entity
 * invalidation from a mutation's selection) over the gateway's own store, plus what it lacks:
 * - the key and scope come from `cache-policy.ts` and the request text, the same key the HTTP fast path builds;
 * - every result is tagged from `invalidation-rules.ts`; a write awaits its tags' invalidation before it answers
 *   (the stock plugin fires its own without waiting), through the write port (`use-writes.ts`, `write-port.ts`);
 * - a read that fails because its service is unavailable (no instance, breakers open) is answered with its last
 *   cached result, kept past its TTL up to the maximum staleness and marked `extensions.stale`.
 * It must be the last plugin: `@envelop/response-cache` replaces execute.
 */
export function useResponseCache(cache: ResponseCache): Plugin<GraphQLContext> {
  const reads = new WeakMap<object, CachedRead | null>();

  const adapterFor = (context: object): Cache => ({
    async get(key) {
      const read = reads.get(context);
      if (!read) return null;
      const missed = cache.takeMiss(key);
      if (missed !== undefined) {
        read.readAt = missed;
        return null;
      }
      await cache.settled(key);
      const lookup = await cache.store.get(key);
      cache.recordLookup('graphql', lookup.hit ? 'hit' : 'miss');
      if (lookup.hit) return JSON.parse(String(lookup.body)) as ExecutionResult;
      read.readAt = lookup.readAt;
      return null;
    },
    set(key, result, entities, ttl) {
      const read = reads.get(context);
      if (!read || read.key !== key) return;
      const tags = [...read.tags];
      for (const entity of entities)
        tags.push(entity.id === undefined ? entity.typename : `${entity.typename}:${entity.id}`);
      // Apollo's own serialization of a successful result, so the fast path can send the bytes as they are.
      const body = `${JSON.stringify({ data: result.data })}\n`;
      return cache.write(key, () => cache.store.set(key, body, tags, ttl, read.readAt));
    },
    invalidate(entities) {
      const tags = [...entities].map((e) => (e.id === undefined ? e.typename : `${e.typename}:${e.id}`));
      return cache.store.invalidate(tags);
    },
  });

  const envelopCache = useEnvelopResponseCache<GraphQLContext>({
    cache: adapterFor,
    session: (context) => reads.get(context)?.session ?? null,
    // Anonymous and uncacheable queries skip the cache; mutations keep it for entity invalidation.
    enabled: (context) => reads.get(context) !== null,
    ttl: cache.ttls.defaultMs,
    ttlPerSchemaCoordinate: ttlPerSchemaCoordinate(cache.ttls),
    buildResponseCacheKey: ({ context }) => reads.get(context as object)?.key ?? '',
    // The key is built from the request text in onExecute; printing the document again would be wasted work.
    getDocumentString: () => '',
    shouldCacheResult: ({ result }) => !result.errors?.length && !result.extensions?.stale,
    // Off: the fast path serves stored bytes without it, and it would list invalidated entities to clients.
    includeExtensionMetadata: false,
  });

  return {
    onPluginInit({ addPlugin }) {
      addPlugin(envelopCache);
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const context = args.contextValue as GraphQLContext;
      const analysis = analyzeOperation(args.schema, args.document, args.operationName);
      if (!analysis || analysis.kind === 'subscription') {
        reads.set(context, null);
        return;
      }
      // A mutation keeps the plugin for its entity invalidation; its tag invalidation is the write port's
      // (`use-writes.ts`), as is that of a query with a side effect.
      if (analysis.kind === 'mutation') return;
      const request = cache.requestOf(context);
      if (request) cache.learn(request, analysis.rateLimited ? 'NONE' : analysis.scope);
      if (!context.caller || analysis.scope === 'NONE') {
        reads.set(context, null);
        return;
      }
      const session = sessionOf(analysis.scope, context.caller);
      const read: CachedRead = {
        // GET and multipart requests have no remembered text: they are keyed by the printed document (the fast
        // path never sees them).
        key: cache.keyOf(
          request ?? {
            query: printed(args.document),
            operationName: args.operationName ?? undefined,
            variables: args.variableValues ?? undefined,
          },
          session,
        ),
        session,
        tags: [...analysis.selectionTags, ...readTags(analysis.rootFields, args, context)],
        readAt: 0,
      };
      reads.set(context, read);
      setExecuteFn(servingStaleOnOutage(executeFn, cache, read));
    },
  };
}

function servingStaleOnOutage(executeFn: Execute, cache: ResponseCache, read: CachedRead): Execute {
  return async (executeArgs) => {
    const result = (await executeFn(executeArgs)) as ExecutionResult;
    if (!result.errors?.some(isOutage)) return result;
    const stale = await cache.store.getStale(read.key);
    if (!stale) return result;
    cache.recordLookup('graphql', 'stale');
    const { data } = JSON.parse(String(stale.body)) as ExecutionResult;
    return { data, extensions: { stale: true, staleAgeSeconds: Math.floor(stale.ageMs / 1000) } };
  };
}

/** The service has no instance or every breaker is open: the cases where an old answer beats none. */
function isOutage(error: GraphQLError): boolean {
  const original: unknown = error.originalError;
  return (
    isGatewayError(original) &&
    original.code === ErrorCode.SERVICE_UNAVAILABLE &&
    (original.details.reason === UnavailableReason.NO_INSTANCE ||
      original.details.reason === UnavailableReason.CIRCUIT_OPEN)
  );
}

function readTags(fields: RootField[], args: ExecutionArgs, context: GraphQLContext): string[] {
  return fields.flatMap((field) => {
    try {
      return readTagsOf(
        field.name,
        getArgumentValues(field.definition, field.node, args.variableValues ?? undefined),
        context.caller,
      );
    } catch {
      return [];
    }
  });
}
