/**
 * Answers of cacheable reads that failed only because their services were down (no instance, every breaker open)
 * and had no stale copy to fall back on: the complete answer (status, headers, body) is replayed by the fast
 * path to the same request (same document, variables and caller or role) for OUTAGE_ANSWER_MS, without Apollo,
 * the store or the executor. During an outage clients retry the same reads; each retry then costs a map lookup,
 * not a full execution that can only fail again. After OUTAGE_ANSWER_MS the next such request runs in full, so
 * a service that comes back (or a breaker's half-open trial) is seen within that time.
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
  /** The answer remembered for the key in the last OUTAGE_ANSWER_MS, if any. */
  find(key: string): OutageAnswer | undefined;
}

export function createOutageAnswers(now: () => number = Date.now): OutageAnswers {
  const answers = new Map<string, OutageAnswer & { until: number }>();
  return {
    remember(key, answer) {
      answers.delete(key);
      if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
      answers.set(key, { ...answer, until: now() + OUTAGE_ANSWER_MS });
    },
    find(key) {
      const answer = answers.get(key);
      if (answer === undefined) return undefined;
      if (answer.until > now()) return answer;
      answers.delete(key);
      return undefined;
    },
  };
}
