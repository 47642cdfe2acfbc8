import { causeOf, eventAt, logLineOf } from './failure-causes';
import type { ScenarioRun } from './scenario-run';
import { isAnnouncementRead, isScheduleRead, isWrite, outcomeOf, type LoadRecord } from './mixed-load';

/**
 * The CreateAnnouncement attempts the gateway logged for a request that went out on the wire: a breaker's refusal
 * (`circuit_open`) and "no instance" send nothing.
 */
function sentWrites(run: ScenarioRun, record: LoadRecord) {
  return (logLineOf(run, record.id)?.upstream ?? []).filter(
    (u) => u.rpc === 'CreateAnnouncement' && u.outcome !== 'circuit_open' && u.outcome !== 'no_instance',
  );
}

/** How every write of the load ended up, checked against the announcement service's own state. */
export function writeFigures(run: ScenarioRun) {
  const writes = run.records.filter((r) => isWrite(r.kind));
  const copies = (r: LoadRecord) => run.ledger.get(r.title as string)?.length ?? 0;
  const acknowledged = writes.filter((r) => r.writtenId !== undefined);
  const errored = writes.filter((r) => r.writtenId === undefined);
  /** `A:<id>` or `B:<id>`: the store the gateway's log says the write went to, and the id it answered with. */
  const expectedCopy = (r: LoadRecord) => {
    const instance = sentWrites(run, r)[0]?.instance;
    const store = instance === run.ids.announcementA ? 'A' : instance === run.ids.announcementB ? 'B' : '?';
    return `${store}:${r.writtenId}`;
  };
  return {
    sent: writes.length,
    acknowledged: acknowledged.length,
    /** Acknowledged, and found exactly once: in the store it was sent to, under the id the gateway answered. */
    verified: acknowledged.filter((r) => copies(r) === 1 && run.ledger.get(r.title as string)?.[0] === expectedCopy(r))
      .length,
    errorAnswers: errored.length,
    /** Answered with an error, yet applied (the link broke after the service had written it). */
    errorAnswersApplied: errored.filter((r) => copies(r) === 1).length,
    duplicates: writes.filter((r) => copies(r) > 1).length,
    /** Write requests whose gateway log shows more than one CreateAnnouncement call sent. */
    resent: writes.filter((r) => sentWrites(run, r).length > 1).length,
    /** Load titles the stores hold, and CreateAnnouncement calls they received: equal when nothing was resent. */
    stored: writes.filter((r) => copies(r) > 0).length,
    createCallsReceived: run.createCallsReceived,
  };
}

const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((counts, item) => {
    counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  }, {});

/** Every figure of a run, as written to test/faults/last-run.json. */
export function runFigures(run: ScenarioRun, wallTimeMs: number) {
  const failed = run.records.filter((r) => outcomeOf(r) !== 'ok');
  const reads = failed.filter(
    (r) => isScheduleRead(r.kind) || isAnnouncementRead(r.kind) || r.kind === 'gql-calendar-cached',
  );
  const sigtermAt = eventAt(run, 'gateway 1 SIGTERM');
  const t0 = run.events[0]?.at ?? 0;
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const process = (f: ScenarioRun['figures']['before']) => ({
    rssMb: mb(f.rssBytes),
    heapUsedMb: mb(f.heapUsedBytes),
    handles: f.handles,
    handlesByType: f.handlesByType,
  });
  return {
    runTag: run.runTag,
    wallTimeMs,
    timeline: run.events.map((e) => ({ atMs: e.at - t0, event: e.name })),
    requests: {
      sent: run.records.length,
      skippedBeats: run.skippedBeats,
      byKind: countBy(run.records, (r) => r.kind),
      byPhase: countBy(run.records, (r) => r.phase),
      outcomes: countBy(run.records, (r) => `${r.kind} ${outcomeOf(r)}`),
    },
    writes: writeFigures(run),
    failures: {
      readsFailed: reads.length,
      /** Every failure but the handover's refusals, in order: when (ms into the run), what, why. */
      list: failed
        .filter((r) => !['shed', 'refused'].includes(outcomeOf(r)))
        .map((r) => ({
          atMs: r.startedAt - t0,
          tookMs: (r.endedAt ?? r.startedAt) - r.startedAt,
          kind: r.kind,
          answer: r.transportError ?? `${r.status} ${r.code}`,
          cause: causeOf(run, r) ?? 'UNEXPLAINED',
          upstream: logLineOf(run, r.id)?.upstream.map((u) => `${u.rpc}@${u.instance.slice(-6)} ${u.outcome}`),
        })),
      byCause: countBy(failed, (r) => causeOf(run, r) ?? `UNEXPLAINED ${r.kind} ${r.phase} ${r.status} ${r.code}`),
      byPhaseAndCode: countBy(failed, (r) => `${r.phase} ${r.kind} ${r.transportError ?? `${r.status} ${r.code}`}`),
    },
    recoveryMs: run.recovery,
    readsRetriedAfterBreak: readsRetriedAfterBreak(run).length,
    linkDrops: run.drops.map((d) => ({
      atMs: d.at - t0,
      connections: d.connections,
      callsPending: d.callsPending,
    })),
    handover: {
      firstExitCode: run.firstExit.code,
      firstExitAfterSigtermMs: run.firstExit.afterSigtermMs,
      secondListeningAfterSigtermMs: eventAt(run, 'gateway 2 listening') - sigtermAt,
      inFlightAtSigterm: run.records.filter((r) => r.startedAt < sigtermAt && (r.endedAt ?? Infinity) > sigtermAt)
        .length,
      shed: failed.filter((r) => outcomeOf(r) === 'shed').length,
      refused: failed.filter((r) => outcomeOf(r) === 'refused').length,
      reset: failed.filter((r) => outcomeOf(r) === 'reset').length,
    },
    gateway: {
      beforeFaults: process(run.figures.before),
      afterFaults: process(run.figures.after),
      replacementAfterLoad: process(run.figures.secondGateway),
    },
  };
}

/** Announcement reads the break cut on A, which the gateway retried on B. */
export function readsRetriedAfterBreak(run: ScenarioRun): LoadRecord[] {
  return run.records.filter((r) => {
    const upstream = logLineOf(run, r.id)?.upstream ?? [];
    return (
      isAnnouncementRead(r.kind) &&
      upstream[0]?.instance === run.ids.announcementA &&
      upstream[0].outcome === 'unavailable' &&
      upstream[1]?.instance === run.ids.announcementB
    );
  });
}
