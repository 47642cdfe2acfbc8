import type { RequestLogLine } from './gateway-process';
import { isScheduleRead, isWrite, outcomeOf, type LoadRecord } from './mixed-load';
import { SCENARIO_SETTINGS, type ScenarioRun } from './scenario-run';

/**
 * Why a request did not succeed, when a fault explains it. Anything else that failed is unexplained: the
 * assertions want none.
 */
export type FailureCause =
  /** A read the paused replica held until its deadline. */
  | 'paused replica held it (UPSTREAM_TIMEOUT)'
  /** A write in flight on the link to announcement A when it broke: not resent, answered with an error. */
  | 'link broke under it (transport error, 500)'
  /**
   * A write routed to announcement A while its half-open breaker waited for its trial call: refused before it
   * was sent, and answered CIRCUIT_OPEN although announcement B was healthy (see the test about it).
   */
  | 'refused by a half-open breaker, not sent to the healthy instance'
  /** The gateway handover: refused by the draining one, or nothing listening yet. */
  | 'handover: refused while draining (503 SHEDDING)'
  | 'handover: nothing listening (connection refused)'
  | 'handover: connection reset before any gateway accepted it';

/** The time of the first timeline event with this name. */
export function eventAt(run: ScenarioRun, name: string): number {
  const event = run.events.find((e) => e.name === name);
  if (!event) throw new Error(`no event "${name}" in the run`);
  return event.at;
}

/** The gateway's log line of a request, from whichever gateway process answered it. */
export function logLineOf(run: ScenarioRun, id: string): RequestLogLine | undefined {
  return run.first.requestLog().get(id) ?? run.second.requestLog().get(id);
}

/** Whether a gateway ever opened this instance's breaker. */
export function breakerEverOpened(run: ScenarioRun, instanceId: string): boolean {
  return [run.first, run.second].some((gateway) =>
    gateway.events(/^circuit breaker opened$/).some((e) => e.line.instance === instanceId),
  );
}

/** The fault that explains this failed request, or undefined when none does. */
export function causeOf(run: ScenarioRun, record: LoadRecord): FailureCause | undefined {
  const outcome = outcomeOf(record);
  if (outcome === 'ok') return undefined;
  const log = logLineOf(run, record.id);
  if (record.phase === 'handover' || record.phase === 'after-handover') {
    const sigtermAt = eventAt(run, 'gateway 1 SIGTERM');
    const listeningAt = eventAt(run, 'gateway 2 listening');
    const inGap = record.startedAt >= sigtermAt && record.startedAt <= listeningAt;
    // A request sent a moment before SIGTERM may reach the gateway after its drain began: judged by its answer.
    const shedInDrain = (record.endedAt ?? 0) >= sigtermAt && record.startedAt <= listeningAt;
    if (outcome === 'shed' && shedInDrain) return 'handover: refused while draining (503 SHEDDING)';
    if (outcome === 'refused' && inGap) return 'handover: nothing listening (connection refused)';
    if (outcome === 'reset' && inGap && !log) return 'handover: connection reset before any gateway accepted it';
  }
  if (outcome !== 'failed' || !log) return undefined;

  if (isScheduleRead(record.kind)) {
    const stoppedAt = eventAt(run, 's2 SIGSTOP');
    const continuedAt = eventAt(run, 's2 SIGCONT');
    const last = log.upstream[log.upstream.length - 1];
    const earlierUnreached = log.upstream.slice(0, -1).every((u) => u.outcome === 'unavailable');
    const timedOut = record.code === 'UPSTREAM_TIMEOUT' || (record.kind === 'rest-calendar' && record.status === 408);
    const heldByPaused = last?.instance === run.ids.s2 && last.outcome === 'deadline_exceeded';
    const inPause = record.startedAt >= stoppedAt && record.startedAt <= continuedAt;
    const withinDeadline = (record.endedAt ?? Infinity) - record.startedAt <= SCENARIO_SETTINGS.rpcDeadlineMs + 1000;
    if (timedOut && heldByPaused && earlierUnreached && inPause && withinDeadline) {
      return 'paused replica held it (UPSTREAM_TIMEOUT)';
    }
    return undefined;
  }
  if (isWrite(record.kind)) {
    // Writes make one attempt; a failed one must have been on announcement A, the instance whose link broke.
    const attempt = log.upstream.length === 1 ? log.upstream[0] : undefined;
    if (attempt?.instance !== run.ids.announcementA) return undefined;
    const answeredAs = (...codes: string[]) => codes.includes(record.code ?? '');
    const inFlightAtBreak = run.drops.some((d) => record.startedAt <= d.at && (record.endedAt ?? 0) >= d.at);
    if (attempt.outcome === 'unavailable' && inFlightAtBreak && answeredAs('INTERNAL_SERVER_ERROR', 'legacy 0')) {
      return 'link broke under it (transport error, 500)';
    }
    const healthyB = !breakerEverOpened(run, run.ids.announcementB);
    if (
      attempt.outcome === 'circuit_open' &&
      healthyB &&
      answeredAs('SERVICE_UNAVAILABLE/CIRCUIT_OPEN', 'legacy -302')
    ) {
      return 'refused by a half-open breaker, not sent to the healthy instance';
    }
  }
  return undefined;
}
