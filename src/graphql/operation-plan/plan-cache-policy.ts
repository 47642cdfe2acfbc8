import { getNamedType, isCompositeType } from 'graphql';
import {
  PUBLIC_TYPES,
  QUERY_POLICY,
  UNCACHED_FIELDS,
  type CacheScope,
  type CacheTtls,
} from '../../../cache/cache-policy';
import { hasSideEffects, SELECTION_TAGS } from '../../../cache/invalidation-rules';
import type { OperationSelection, SelectedField } from './selected-fields';

/**
 * What the response cache needs of one operation, the same for every request sending it. Decided over every
 * field the document can select, whatever the `@skip`/`@include` variables: one document has one scope, and the
 * broadest branch decides it (a fast-path hit must be right for any variables).
 */
export interface PlanCachePolicy {
  /** For queries: who may share a result (cache/cache-policy.ts); NONE for everything else. */
  scope: CacheScope;
  /** The operation's own fields (their arguments give the result's read tags; mutations invalidate per field). */
  rootFields: readonly SelectedField[];
  /** Tags of fields selected anywhere (`SELECTION_TAGS`). */
  selectionTags: readonly string[];
  /** Selects a field with `@rateLimit`: every request must reach the limiter, so no fast path. */
  rateLimited: boolean;
  /** How long a result stays fresh: the smallest TTL among the root fields. */
  ttlMs: number;
  /** A query with a root field that writes (`Query.<field>` has invalidations): it reports its writes. */
  sideEffects: boolean;
}

export function planCachePolicy(
  kind: 'query' | 'mutation' | 'subscription',
  selection: OperationSelection,
  ttls: CacheTtls,
): PlanCachePolicy {
  const selectionTags = new Set<string>();
  let uncached = selection.introspection;
  let reachesPrivateType = false;
  let rateLimited = false;
  for (const field of selection.fields) {
    const coordinate = `${field.parentType.name}.${field.fieldName}`;
    if (UNCACHED_FIELDS.has(coordinate)) uncached = true;
    const tag = SELECTION_TAGS[coordinate];
    if (tag) selectionTags.add(tag);
    if (field.definition.astNode?.directives?.some((d) => d.name.value === 'rateLimit')) rateLimited = true;
    const returned = getNamedType(field.definition.type);
    if (isCompositeType(returned) && !PUBLIC_TYPES.has(returned.name)) reachesPrivateType = true;
  }
  const rootFields = selection.fields.filter((field) => field.root);
  let scope: CacheScope = 'NONE';
  let ttlMs = ttls.defaultMs;
  if (kind === 'query' && !uncached) {
    const policies = rootFields.map((field) => QUERY_POLICY[field.fieldName]);
    const scopes = policies.map((policy) => policy?.scope ?? 'PRIVATE');
    if (scopes.length > 0 && !scopes.includes('NONE')) {
      scope = scopes.every((s) => s === 'PUBLIC') && !reachesPrivateType ? 'PUBLIC' : 'PRIVATE';
    }
    const fieldTtls = policies.map((policy) => (policy?.ttl === 'timetable' ? ttls.timetableMs : ttls.defaultMs));
    if (fieldTtls.length > 0) ttlMs = Math.min(...fieldTtls);
  }
  const sideEffects = kind === 'query' && rootFields.some((field) => hasSideEffects(field.fieldName));
  return { scope, rootFields, selectionTags: [...selectionTags], rateLimited, ttlMs, sideEffects };
}
