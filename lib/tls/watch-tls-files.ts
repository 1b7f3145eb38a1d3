import type { Logger } from '@nestjs/common';
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { loadTlsMaterial, subjectOf } from './load-tls-material.js';
import type { TlsInUse } from './prepare-tls.js';
import { replaceSslMaterial } from './ssl-options.js';

function subjectAndExpiry({ material }: TlsInUse): string {
  const certificate = material.clientCertificate;
  return certificate
    ? `client certificate ${subjectOf(certificate)}, valid until ${certificate.validTo}`
    : `${material.ca?.length ?? 0} trusted CA certificate(s)`;
}

/**
 * Reloads the TLS material when its files change: the new material goes
 * through every start-up check and then serves every connection opened from
 * then on. Material that fails a check is refused with a logged error, and the
 * material in use stays. A certificate and its key replaced one after the
 * other are picked up together once both have settled (one poll interval).
 *
 * Files are polled (stat), which follows atomic renames and the symlink swaps
 * of mounted Kubernetes secrets alike. Returns a function that stops watching.
 */
export function watchTlsFiles(tls: TlsInUse, clientName: string | undefined, logger: Logger): () => void {
  const { settings } = tls;
  const intervalMs = settings.watchIntervalMs;
  // A change shows up one poll late at most: waiting one more interval lets a
  // certificate and a key written one after the other land in one reload.
  const settleMs = intervalMs;
  const files = [...settings.ca, settings.cert, settings.key].flatMap((source) =>
    source?.kind === 'file' ? [source.path] : [],
  );
  let settleTimer: NodeJS.Timeout | undefined;

  const reload = () => {
    try {
      const material = loadTlsMaterial(settings, clientName);
      replaceSslMaterial(tls.sslOptions, material, settings, clientName);
      tls.material = material;
      logger.log(`TLS material reloaded for new connections: ${subjectAndExpiry(tls)}.`);
      for (const warning of material.warnings) logger.warn(warning);
    } catch (error) {
      logger.error(
        `TLS material changed on disk but was not reloaded: ${(error as Error).message} The material in use (${subjectAndExpiry(tls)}) stays.`,
      );
    }
  };
  const onChange = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.ino === previous.ino && current.size === previous.size) return;
    clearTimeout(settleTimer);
    settleTimer = setTimeout(reload, settleMs);
    settleTimer.unref();
  };
  // persistent: false, so that watching never keeps the process alive.
  for (const file of files) watchFile(file, { interval: intervalMs, persistent: false }, onChange);
  return () => {
    clearTimeout(settleTimer);
    for (const file of files) unwatchFile(file, onChange);
  };
}
