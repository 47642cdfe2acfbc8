/**
 * The owner of a composition's long-lived resources: each is handed over as it is created, and `close()` closes
 * them in reverse order of creation, so nothing closes while something created after it (and so possibly using it)
 * is still open. A close that fails is reported and the rest still close: one stuck client must not keep the
 * Redis connections, the channels and the telemetry open behind it.
 */
export interface CloseStack {
  /** Takes ownership of a resource just created (its close runs before those of everything created earlier). */
  defer(close: () => unknown): void;
  /** Closes everything deferred, last first; resolves once all have closed (or failed, then reported). */
  close(): Promise<void>;
}

export function createCloseStack(onError: (err: unknown) => void): CloseStack {
  const closes: Array<() => unknown> = [];
  return {
    defer(close) {
      closes.push(close);
    },
    async close() {
      while (closes.length > 0) {
        const close = closes.pop()!;
        try {
          await close();
        } catch (err) {
          onError(err);
        }
      }
    },
  };
}
