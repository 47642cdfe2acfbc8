import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { ExecutionResult, OperationDefinitionNode } from 'graphql';

/**
 * A span per GraphQL operation (`query Me`), child of the HTTP span and parent of every upstream call the
 * operation makes (its rules' look-ups included). Explicit rather than `@opentelemetry/instrumentation-graphql`:
 * the executor is compiled per document, where module patching does not reach (nor works under Jest). Costs
 * nothing when tracing is off.
 */
export async function withOperationSpan(
  tracer: Tracer | undefined,
  operation: OperationDefinitionNode,
  run: () => Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  if (!tracer) return run();
  const type = operation.operation;
  const name = operation.name?.value;
  const span = tracer.startSpan(name ? `${type} ${name}` : type, {
    kind: SpanKind.INTERNAL,
    attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) },
  });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), run);
    if (result.errors?.length) {
      span.setAttribute('graphql.error.count', result.errors.length);
      span.setStatus({ code: SpanStatusCode.ERROR, message: result.errors[0]?.message });
    }
    return result;
  } finally {
    span.end();
  }
}
