import type { Plugin } from '@envelop/core';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import { currentRequest } from './request-scope';

/**
 * A span per GraphQL operation (`query Me`), child of the HTTP span and parent of every upstream call the
 * execution makes. Explicit rather than `@opentelemetry/instrumentation-graphql`: the engine functions are
 * captured when the plugin list is built, and module patching does not reach them (nor works under Jest).
 */
export function useOperationSpan(): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const tracer = currentRequest()?.tracer;
      if (!tracer) return undefined;
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const type = operation?.operation ?? 'query';
      const name = operation?.name?.value;
      const span = tracer.startSpan(name ? `${type} ${name}` : type, {
        kind: SpanKind.INTERNAL,
        attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) },
      });
      const active = trace.setSpan(context.active(), span);
      setExecuteFn((execArgs) => context.with(active, () => executeFn(execArgs)));
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? result.errors : undefined;
          if (errors?.length) {
            span.setAttribute('graphql.error.count', errors.length);
            span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]?.message });
          }
          span.end();
        },
      };
    },
  };
}
