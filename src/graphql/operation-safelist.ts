import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse, print, stripIgnoredCharacters, type DocumentNode } from 'graphql';
import { ErrorCode } from '../../core/error-codes';
import { GatewayError } from '../../core/errors';

/**
 * An operation's identity for the safelist: the SHA-256 of its printed, whitespace-free form, so formatting and
 * comments do not matter but any change to fields, arguments or names does.
 */
export function operationFingerprint(document: DocumentNode): string {
  return createHash('sha256')
    .update(stripIgnoredCharacters(print(document)))
    .digest('hex');
}

export interface OperationSafelist {
  has(document: DocumentNode): boolean;
  readonly size: number;
}

/** Safelist file: `{"operations": ["query A { … }", …]}`; each entry may hold several operations and fragments. */
export function loadOperationSafelist(file: string): OperationSafelist {
  let operations: unknown;
  try {
    operations = (JSON.parse(readFileSync(file, 'utf8')) as { operations?: unknown }).operations;
  } catch (error) {
    throw new Error(`GRAPHQL_SAFELIST_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(operations) || !operations.every((o) => typeof o === 'string')) {
    throw new Error(`GRAPHQL_SAFELIST_FILE ${file} must hold {"operations": [<query text>, …]}`);
  }
  return createOperationSafelist(operations);
}

export function createOperationSafelist(operations: readonly string[]): OperationSafelist {
  const allowed = new Set(operations.map((text) => operationFingerprint(parse(text))));
  // Apollo reuses one parsed document per query hash, so most requests cost a WeakMap lookup.
  const verdicts = new WeakMap<DocumentNode, boolean>();
  return {
    size: allowed.size,
    has(document) {
      let verdict = verdicts.get(document);
      if (verdict === undefined) {
        verdict = allowed.has(operationFingerprint(document));
        verdicts.set(document, verdict);
      }
      return verdict;
    },
  };
}

/**
 * Safelist mode: after Apollo has parsed and validated the document (whether it came as text or as an APQ hash),
 * an operation that is not on the list is refused with 403 before execution.
 */
export function safelistPlugin(safelist: OperationSafelist): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          if (safelist.has(document)) return;
          const error = new GatewayError(
            ErrorCode.FORBIDDEN,
            'This operation is not on the safelist: with GRAPHQL_SAFELIST=true only the operations in the safelist file may run.',
            { details: { reason: 'OPERATION_NOT_SAFELISTED' } },
          );
          throw new GraphQLError(error.message, {
            originalError: error,
            extensions: { ...error.toExtensions(), http: { status: error.httpStatus } },
          });
        },
      };
    },
  };
}
