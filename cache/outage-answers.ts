/**
 * Answers of cacheable reads that failed only because their services were down (no instance, every breaker open)
 * and had no stale copy to fall back on: the complete answer (status, headers, body) is replayed by the fast
 * path to the same request (same document, variables and caller or role) for OUTAGE_ANSWER_MS, without Apollo,
 * the store or the executor. During an outage clients retry the same reads; each retry then costs a map lookup,
 * not a full execution that can only fail again. After OUTAGE_ANSWER_MS the next such request runs in full (the
 * trial), so a service that comes back (or a breaker's half-open trial) is seen within that time. One request at a
 * time: while the trial runs the others still get the answer, for at most another OUTAGE_ANSWER_MS. Without that,
 * every request in flight when the answer expired ran in full at once, once a second: under load that burst was
 * the whole of the outage's p99.
 */
export const OUTAGE_ANSWER_MS = 1000;
/** Answers kept at most (one per failed key); the oldest go first. */
const MAX_ANSWERS = 10_000;

export interface OutageAnswer {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
  /** The error code the request's log line and metrics report. */
  errorCode: string | undefined;
}

export interface OutageAnswers {
  remember(key: string, answer: OutageAnswer): void;
  /**
   * The answer remembered for the key, or undefined: none, or it expired and this request is the trial (a
   * remember or a forget of the key ends it; unended, another request becomes the trial OUTAGE_ANSWER_MS later).
   */
  find(key: string): OutageAnswer | undefined;
  /** A request that ran in full was answered without an outage: the answer goes, if there was one. */
  forget(key: string): void;
  /** An answer is kept for the key, replayed or expired (a request that finds none replayed is then the trial). */
  has(key: string): boolean;
}

export function createOutageAnswers(now: () => number = Date.now): OutageAnswers {
  // `until`: replayed until then; after it, `trialUntil` is when the running trial is given up on.
  const answers = new Map<string, OutageAnswer & { until: number; trialUntil: number }>();
  return {
    remember(key, answer) {
      answers.delete(key);
      if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
      answers.set(key, { ...answer, until: now() + OUTAGE_ANSWER_MS, trialUntil: 0 });
    },
    find(key) {
      const answer = answers.get(key);
      if (answer === undefined) return undefined;
      const at = now();
      if (answer.until > at || answer.trialUntil > at) return answer;
      answer.trialUntil = at + OUTAGE_ANSWER_MS;
      return undefined;
    },
    forget(key) {
      answers.delete(key);
    },
    has: (key) => answers.has(key),
  };
}
