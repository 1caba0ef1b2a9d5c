// Timestamps as puppetserver writes them in inventory.txt and the
// certificate_status API: Joda's "YYY-MM-dd'T'HH:mm:ssz" in UTC,
// e.g. 2026-11-28T17:24:19UTC.

export function formatPuppetTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}UTC`;
}
