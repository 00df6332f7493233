// One run of a piece of work at a time: callers that come while it runs share its promise (and its failure);
// once it has settled, the next call runs it again. Used for the IAM token and for the project ID lookup.
export class SingleFlight<T> {
  #pending: Promise<T> | undefined;

  /** Whether a run is in flight. */
  get running(): boolean {
    return this.#pending !== undefined;
  }

  /** The run in flight, or a new run of `work`. */
  run(work: () => Promise<T>): Promise<T> {
    if (this.#pending === undefined) {
      const pending = work();
      this.#pending = pending;
      const clear = () => {
        if (this.#pending === pending) this.#pending = undefined;
      };
      pending.then(clear, clear);
    }
    return this.#pending;
  }
}
