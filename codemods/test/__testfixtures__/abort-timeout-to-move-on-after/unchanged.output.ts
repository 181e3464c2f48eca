declare function consume(signal: AbortSignal): Promise<void>;

/** The controller escapes to the caller. */
export function startWork(): AbortController {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1_000);
  void consume(controller.signal);
  return controller;
}

/** Aborted by the user, not by a timer. */
export async function cancellable(button: EventTarget): Promise<void> {
  const controller = new AbortController();
  button.addEventListener('click', () => controller.abort());
  await consume(controller.signal);
}

/** The catch clause reports the abort instead of swallowing it. */
export async function reported(): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 500);
  try {
    await consume(controller.signal);
  } catch (error) {
    console.error('timed out or failed', error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The body assigns a variable declared outside it. */
export async function measured(): Promise<number> {
  let took: number;
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 500);
  try {
    await consume(controller.signal);
    took = Date.now() - started;
  } finally {
    clearTimeout(timer);
  }
  return took;
}
