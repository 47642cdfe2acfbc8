import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The checker's Prometheus metrics, registered on the registry it is given (the gateway's when embedded). A
 * checker created again on the same registry (a restart in-process) shares the metrics already there.
 */
export function createHealthCheckerMetrics(registry: Registry) {
  const registers = [registry];
  const reuse = <M>(name: string, create: () => M): M => (registry.getSingleMetric(name) as M | undefined) ?? create();
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    reuse(name, () => new Counter<L>({ name, help, labelNames, registers }));
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    reuse(name, () => new Gauge<L>({ name, help, labelNames, registers }));

  return {
    checks: counter(
      'health_checker_checks_total',
      'Instance checks by service and outcome (serving, legacy, not_serving, timeout, unreachable, error).',
      ['service', 'outcome'],
    ),
    checkDuration: reuse(
      'health_checker_check_duration_seconds',
      () =>
        new Histogram<'service'>({
          name: 'health_checker_check_duration_seconds',
          help: 'Duration of one instance check.',
          labelNames: ['service'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
          registers,
        }),
    ),
    instanceHealthy: gauge(
      'health_checker_instance_healthy',
      '1 when the last check of the instance succeeded, else 0; removed when the instance leaves Consul.',
      ['service', 'instance', 'address'],
    ),
    consecutiveFailures: gauge(
      'health_checker_instance_consecutive_failures',
      'Failed checks in a row of the instance.',
      ['service', 'instance'],
    ),
    healthyInstances: gauge(
      'health_checker_healthy_instances',
      'Instances of the service whose last check succeeded.',
      ['service'],
    ),
    actions: counter(
      'health_checker_consul_actions_total',
      'Consul check updates and deregistrations by the checker (action: fail, pass, deregister).',
      ['service', 'action', 'result'],
    ),
    listErrors: counter(
      'health_checker_consul_list_errors_total',
      'Rounds in which the instances of a service could not be listed.',
      ['service'],
    ),
    alerts: counter(
      'health_checker_alerts_total',
      'Service alerts raised (no_healthy_instance) and cleared (recovered).',
      ['service', 'event'],
    ),
    rounds: counter('health_checker_rounds_total', 'Completed check rounds.', []),
    lastRound: gauge(
      'health_checker_last_round_timestamp_seconds',
      'When the last round completed (unix seconds).',
      [],
    ),
  };
}

export type HealthCheckerMetrics = ReturnType<typeof createHealthCheckerMetrics>;
