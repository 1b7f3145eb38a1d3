import type { Logger } from '@nestjs/common';
import type { Client } from 'cassandra-driver';

type LoggerMethod = 'verbose' | 'debug' | 'warn' | 'error';

// The driver's "info" narrates every connection it opens; it goes to debug so
// that a healthy start-up stays quiet. Warnings and errors keep their level.
const LEVELS: Record<string, LoggerMethod> = {
  verbose: 'verbose',
  info: 'debug',
  warning: 'warn',
  error: 'error',
};

/** Sends the driver's `log` events to a Nest logger. The driver's messages hold no credentials or key material. */
export function forwardDriverLogs(client: Client, logger: Logger): void {
  client.on('log', (level: string, className: string, message: string, furtherInfo?: unknown) => {
    const detail = furtherInfo instanceof Error ? ` (${furtherInfo.message.split('\n')[0]})` : '';
    logger[LEVELS[level] ?? 'debug'](`${className}: ${message}${detail}`);
  });
}
