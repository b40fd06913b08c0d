/**
 * Waits for `work` unless `signal` aborts first, then rejects with the signal's reason. For clients that
 * take no signal of their own (vk-io, the MAX client's helpers): the call itself runs on to its own
 * timeout, but whoever waits on it (a start-up attempt, a SIGTERM) is let go at once.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    // Nobody waits on it any more: its failure is not an unhandled rejection.
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      work.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
