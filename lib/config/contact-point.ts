/** Host and port of a normalized `host:port` contact point (IPv6 hosts lose their brackets). */
export function splitContactPoint(contactPoint: string): { host: string; port: number } {
  const separator = contactPoint.lastIndexOf(':');
  return {
    host: contactPoint.slice(0, separator).replace(/^\[(.*)\]$/, '$1'),
    port: Number(contactPoint.slice(separator + 1)),
  };
}
