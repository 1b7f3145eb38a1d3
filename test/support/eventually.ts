import { setTimeout as sleep } from 'node:timers/promises';

/** Retries `assertion` until it passes or `timeoutMs` runs out, then throws its last failure. */
export async function eventually(
  assertion: () => Promise<void> | void,
  timeoutMs = 20_000,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
