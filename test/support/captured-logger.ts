import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line, to assert on what a user would see in the logs. */
export class CapturedLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];

  private keep(level: string, message: unknown, ...rest: unknown[]) {
    const text = [message, ...rest].map((part) =>
      part instanceof Error ? `${part.message}\n${part.stack}` : String(part),
    );
    this.lines.push({ level, message: text.join(' ') });
  }

  log = (message: unknown, ...rest: unknown[]) => this.keep('log', message, ...rest);
  error = (message: unknown, ...rest: unknown[]) => this.keep('error', message, ...rest);
  warn = (message: unknown, ...rest: unknown[]) => this.keep('warn', message, ...rest);
  debug = (message: unknown, ...rest: unknown[]) => this.keep('debug', message, ...rest);
  verbose = (message: unknown, ...rest: unknown[]) => this.keep('verbose', message, ...rest);

  text(level?: string): string {
    return this.lines
      .filter((line) => level === undefined || line.level === level)
      .map((line) => line.message)
      .join('\n');
  }
}
