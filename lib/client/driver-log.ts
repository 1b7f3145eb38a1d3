import type { Logger } from '@nestjs/common';
import type { Client } from 'cassandra-driver';

type LoggerMethod = 'debug' | 'warn' | 'error';

// The driver's "info" narrates each connection it opens and goes to debug; its
// "verbose" traces every request frame and is not forwarded, so that nothing
// is logged on the query path. Warnings and errors keep their level.
const LEVELS: Partial<Record<string, LoggerMethod>> = {
  info: 'debug',
  warning: 'warn',
  error: 'error',
};

/** Sends the driver's `log` events to a Nest logger. The driver's messages hold no credentials or key material. */
export function forwardDriverLogs(client: Client, logger: Logger): void {
  client.on('log', (level: string, className: string, message: string, furtherInfo?: unknown) => {
    const method = LEVELS[level];
    if (!method) return;
    const detail = furtherInfo instanceof Error ? ` (${furtherInfo.message.split('\n')[0]})` : '';
    logger[method](`${className}: ${message}${detail}`);
  });
}
