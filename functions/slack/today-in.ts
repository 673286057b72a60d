/** One formatter per zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Today's date, `YYYY-MM-DD`, on the wall calendar of an IANA time zone at the instant `now`.
 *
 * The zone's rules (its offset, daylight saving time) come from the runtime's time zone data
 * through `Intl.DateTimeFormat`, so the date turns at local midnight whatever the offset that day.
 *
 * @example todayIn('Pacific/Auckland', new Date('2026-01-15T11:00:00Z')) // '2026-01-16'
 * @throws RangeError for a zone the runtime does not know, or an invalid `now`.
 */
export function todayIn(zone: string, now: Date): string {
  let formatter = formatters.get(zone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(zone, formatter)
  }

  const parts = formatter.formatToParts(now)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}
