import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { processRequest } from 'graphql-upload-minimal';
import { ErrorCode } from '../../core/error-codes';
import { GatewayError } from '../../core/errors';
import { isMultipart } from '../../http/http-server';
import type { GraphQLContext } from '../context';
import { assertJsonNesting } from './json-nesting';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GraphQLContext>;
  maxUploadBytes: number;
  /** Most operations in one batched request (a JSON array); Apollo itself has no such cap. */
  maxBatch: number;
  /**
   * Runs once the body is parsed, before Apollo (the response cache's fast path): true means it answered the
   * request itself.
   */
  beforeExecution?: (
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    context: GraphQLContext,
  ) => Promise<boolean>;
  /**
   * Told a complete answer Apollo gave when the context's `answerSlot` asks for it (the response cache keeps outage
   * answers for replay, and ends an outage on its trial's success).
   */
  afterExecution?: (context: GraphQLContext, answer: CompleteAnswer) => void;
}

/** A complete answer as it was sent. */
export interface CompleteAnswer {
  status: number;
  /** Apollo's header map, as sent (a listener that keeps the answer copies them). */
  headers: Iterable<[string, string]>;
  body: string;
  errorCode: string | undefined;
}

async function operationsOf(
  req: IncomingMessage,
  res: ServerResponse,
  options: GraphQLRouteOptions,
  read: Buffer | undefined,
) {
  if (req.method !== 'POST') return undefined;
  if (isMultipart(req)) {
    // The GraphQL multipart request spec: `operations`, `map`, then the files.
    const operations = await processRequest(req, res, { maxFileSize: options.maxUploadBytes, maxFiles: 5 }).catch(
      (error: Error) => {
        const tooLarge = /exceeds|too large/i.test(error.message);
        throw new GatewayError(tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT, error.message);
      },
    );
    assertJsonNesting(operations, "the 'operations' field");
    return operations;
  }
  // The HTTP server reads a POST's body for this route (`RouteOptions.body`, with its size limit).
  if (read === undefined) throw new Error('the /graphql route is registered without RouteOptions.body');
  if (read.length === 0) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(read.toString('utf8'));
  } catch {
    throw new GatewayError(ErrorCode.BAD_USER_INPUT, 'request body is not valid JSON');
  }
  assertJsonNesting(body);
  return body;
}

/** A GET carries `variables` and `extensions` as JSON in the URL: the same nesting bound as a body. */
function checkSearchParams(search: string): void {
  const params = new URLSearchParams(search);
  for (const name of ['variables', 'extensions']) {
    const text = params.get(name);
    if (!text) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // Apollo answers malformed JSON itself
    }
    assertJsonNesting(value, `\`${name}\``);
  }
}

/** POST /graphql (JSON or multipart) and GET /graphql (queries in the URL, or the Sandbox page). */
export async function handleGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  context: GraphQLContext,
  options: GraphQLRouteOptions,
  read?: Buffer,
): Promise<void> {
  const body = await operationsOf(req, res, options, read);
  if (Array.isArray(body) && options.maxBatch > 1 && body.length > options.maxBatch) {
    throw new GatewayError(
      ErrorCode.BAD_USER_INPUT,
      `a batch may hold at most ${options.maxBatch} operations, this one holds ${body.length}`,
      { details: { reason: 'BATCH_TOO_LARGE', maxBatch: options.maxBatch } },
    );
  }
  if (options.beforeExecution && (await options.beforeExecution(req, res, body, context))) return;
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '/graphql';
  const query = url.indexOf('?');
  if (req.method === 'GET' && query >= 0) checkSearchParams(url.slice(query));
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: query >= 0 ? url.slice(query) : '', body },
    context: async () => context,
  });
  // A GraphQL answer is never stored by a browser or proxy (it is per caller): what Apollo's cache-control plugin
  // set on every answer before the plans made it idle (`apollo-server.ts`); the fast path's hits say it too. Its
  // pages (Sandbox) keep theirs.
  if (!result.headers.has('cache-control') && !result.headers.get('content-type')?.startsWith('text/html')) {
    result.headers.set('cache-control', 'no-store');
  }
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    if (context.answerSlot?.wanted) {
      options.afterExecution?.(context, {
        status: res.statusCode,
        headers: result.headers,
        body: result.body.string,
        errorCode: context.record?.errorCode,
      });
    }
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
