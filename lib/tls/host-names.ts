import { lookup, resolve4, resolve6 } from 'node:dns/promises';
import { isIP } from 'node:net';
import { splitContactPoint } from '../config/contact-point.js';

/**
 * For contact points given as names: each address the name resolves to, mapped
 * back to the name, so the server-identity check can accept certificates that
 * carry the name only. Names that do not resolve are left to the driver to report.
 */
export async function resolveHostNames(contactPoints: string[]): Promise<Map<string, string>> {
  const names = [...new Set(contactPoints.map((contactPoint) => splitContactPoint(contactPoint).host))].filter(
    (host) => isIP(host) === 0,
  );
  const byAddress = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      // The driver asks DNS (A and AAAA) and falls back to the system resolver: cover all three.
      const answers = await Promise.all([
        resolve4(name).catch(() => []),
        resolve6(name).catch(() => []),
        lookup(name, { all: true }).then(
          (found) => found.map(({ address }) => address),
          () => [],
        ),
      ]);
      for (const address of answers.flat()) byAddress.set(address, name);
    }),
  );
  return byAddress;
}
