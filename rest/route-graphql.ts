import type {
  ClubResolvers,
  MutationResolvers,
  ParentResolvers,
  QueryResolvers,
  StudentResolvers,
} from '../resolvers/generated/resolvers-types';
import type { RestContext } from './rest-route';

/** The fields of a type, as codegen names them: a field renamed in the schema fails the typecheck here. */
type FieldsOf<Resolvers> = Exclude<keyof Resolvers & string, `__${string}`>;

export type QueryField = FieldsOf<QueryResolvers>;
export type MutationField = FieldsOf<MutationResolvers>;

/** `Type.field`: a root field, or `Student.parent` / `Parent.children` / `Club.currentRecruitment`. */
export type FieldCoordinate =
  | `Query.${QueryField}`
  | `Mutation.${MutationField}`
  | `Student.${FieldsOf<StudentResolvers>}`
  | `Parent.${FieldsOf<ParentResolvers>}`
  | `Club.${FieldsOf<ClubResolvers>}`;

type Args = Record<string, unknown>;

/**
 * The GraphQL field that does one request's job, so a REST request is judged by the same authorization rule
 * (`permissions/`) and counted against the same `@rateLimit` buckets as the GraphQL call that does the same.
 * The arguments are GraphQL-shaped (`{ id }`, `{ clubId }`, `{ input: { type } }`), taken from the path and body,
 * because the rules and the ARGUMENT rate-limit keys read them by their GraphQL names.
 */
export interface RouteField {
  coordinate: FieldCoordinate;
  args: Args;
  /** The object a non-root field belongs to (what its resolver's parent would be). */
  parent?: Args;
}

/**
 * How the legacy service answered a role refusal on the route, kept for REST clients (design.md §6: keep what
 * clients observe): auth 403 code 0; club 403 with −1711/−1712 from the rule (code 0 for the read routes);
 * outing 403 −2601; schedule 401 code 0 "UnAuthorized"; announcement 403 −1000.
 */
export type DenialStyle = 'auth' | 'club' | 'outing' | 'schedule' | 'announcement';

/** A route's GraphQL counterpart: the field judged and limited for it, and how a refusal is answered. */
export interface RouteGraphQL {
  denial: DenialStyle;
  /** The field of this request; undefined when the request names no field (route 53's unknown action → 404). */
  field(context: RestContext): RouteField | undefined;
  /**
   * The argument of the field that covers what this route does differently from its siblings (an upload, a filter,
   * the PICK login), where one does.
   */
  variant?: string;
  /**
   * Set where the legacy system let a call through that the GraphQL rule refuses: REST skips the rule (legacy
   * clients must not notice), and the service decides as it did. The reason is the comment.
   */
  skipRule?: string;
  /** Route 53 checks the token itself (the parent actions need none): true when this request needs one. */
  needsToken?(context: RestContext): boolean;
}

/**
 * The GraphQL write a successful REST write is reported as (`cache/write-port.ts`), so it is followed by exactly
 * what the mutation's is: the same cached reads dropped (`cache/invalidation-rules.ts`), the same live update event.
 */
export interface GraphQLWrite {
  /** The mutation, or `Query.<field>` for the one query with a side effect. */
  field: MutationField | `Query.${QueryField}`;
  args?: Args;
  /** What the mutation would have returned, where what follows the write needs it (the new object's id). */
  result?: unknown;
}

/** A path parameter; always present on the routes that declare it. */
export const pathParam = (c: RestContext, name: string): string => c.params[name] ?? '';

/** A field whose arguments the rule does not need. */
export const root =
  (coordinate: FieldCoordinate, args: Args = {}) =>
  (): RouteField => ({ coordinate, args });

/** A field with one argument taken from the path. */
export const withPath =
  (coordinate: FieldCoordinate, argName: string, paramName: string) =>
  (c: RestContext): RouteField => ({ coordinate, args: { [argName]: pathParam(c, paramName) } });

/** A login: its budget is keyed by the login id (`@rateLimit(... ARGUMENT id)`). */
export const login =
  (coordinate: FieldCoordinate, idField: string) =>
  (c: RestContext): RouteField => ({ coordinate, args: { id: String(c.body[idField] ?? '') } });
