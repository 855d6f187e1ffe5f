/** A failed attempt; `retryable` false means trying again cannot help (bad arguments, a bad template). */
export class StepError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly input?: unknown,
  ) {
    super(message);
    this.name = "StepError";
  }
}
