/** What each step of the tour reports back to the summary. */
export type StepStatus = 'ok' | 'failed' | 'unavailable' | 'not-applicable';

export interface StepOutcome {
  title: string;
  status: StepStatus;
  /** Why the step failed, could not run, or does not apply. */
  reason?: string;
  ms: number;
}

/** An error that means "this part of the product is not there", as opposed to "it broke". */
export class Unavailable extends Error {
  override readonly name = 'Unavailable';
}

/** An error that means the step ran and its check did not hold. */
export class StepFailed extends Error {
  override readonly name = 'StepFailed';
}

/** A step that has nothing to do for this project; the message says why. */
export class NotApplicable extends Error {
  override readonly name = 'NotApplicable';
}

/** Bad input (a missing folder, an unknown option): one clear line and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
