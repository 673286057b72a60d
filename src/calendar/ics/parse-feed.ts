import ICAL from 'ical.js'
import { formatWallClock, instantOf, isTimeZone, type WallClock } from '../time-zone'

/**
 * Reads an iCalendar feed (RFC 5545) into the event instances the bridge syncs, with ical.js
 * doing the parsing and the recurrence expansion and `time-zone.ts` the zone arithmetic.
 */

/** A start or end: a whole day (all-day events) or an instant. */
export type FeedTime =
  /** `VALUE=DATE`: a calendar date, never shifted into any zone. */
  | { readonly kind: 'date'; readonly date: string }
  /** Epoch milliseconds. */
  | { readonly kind: 'instant'; readonly at: number }

export interface FeedPerson {
  readonly email: string
  readonly name?: string
}

/** One occurrence of one event: a one-off event, or one instance of a recurring one. */
export interface FeedInstance {
  readonly uid: string
  /**
   * The occurrence's original start (its `RECURRENCE-ID`), as UTC `YYYYMMDDTHHMMSSZ` or, for
   * all-day events, `YYYYMMDD`; empty for an event that does not recur.
   */
  readonly recurrenceId: string
  readonly sequence: number
  readonly cancelled: boolean
  readonly start: FeedTime
  /** Exclusive, as RFC 5545 defines `DTEND`. */
  readonly end: FeedTime
  readonly summary?: string
  readonly description?: string
  readonly location?: string
  readonly url?: string
  readonly organizer?: FeedPerson
  readonly attendees: readonly FeedPerson[]
}

export interface FeedWindow {
  /** Instances that end before this (epoch ms) are over and left out. */
  readonly from: number
  /** Recurring events are expanded up to this (epoch ms). */
  readonly until: number
  /** The zone floating times (and zones nobody can read) are taken in: the account's. */
  readonly timezone: string
}

export type FeedParseResult =
  | { readonly ok: true; readonly instances: readonly FeedInstance[] }
  | { readonly ok: false; readonly error: string }

/** Occurrences read per recurring event at most, so a rule like `FREQ=MINUTELY` stays bounded. */
export const MAX_OCCURRENCES_READ = 20_000

type Component = InstanceType<typeof ICAL.Component>
type IcalEvent = InstanceType<typeof ICAL.Event>
type IcalTime = InstanceType<typeof ICAL.Time>
type IcalProperty = InstanceType<typeof ICAL.Property>

/**
 * Parses a feed and lists the instances that are not over yet: every one-off event that ends
 * after `window.from`, and every occurrence of a recurring event that does so and starts before
 * `window.until`, with its exceptions (`RECURRENCE-ID`) applied and `EXDATE`s left out.
 *
 * Times are read as RFC 5545 says: `…Z` is UTC; `TZID=` names a zone, read with the runtime's
 * zone data when it is an IANA name and with the feed's `VTIMEZONE` otherwise (Outlook's
 * Windows zone names); floating times, and zones neither knows, are the account's wall clock.
 * All-day dates stay dates.
 */
export function parseFeed(text: string, window: FeedWindow): FeedParseResult {
  let calendars: Component[]
  try {
    const parsed: unknown = ICAL.parse(text)
    const jcals = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]
    calendars = jcals.map((jcal) => new ICAL.Component(jcal as unknown[]))
  } catch (error) {
    return {
      ok: false,
      error: `not iCalendar: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  if (calendars.length === 0 || calendars.some((c) => c.name !== 'vcalendar')) {
    return { ok: false, error: 'not iCalendar: no VCALENDAR' }
  }

  const instances: FeedInstance[] = []
  try {
    for (const calendar of calendars) instances.push(...calendarInstances(calendar, window))
  } catch (error) {
    return {
      ok: false,
      error: `unreadable event: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  return { ok: true, instances }
}

function calendarInstances(calendar: Component, window: FeedWindow): FeedInstance[] {
  // Group each UID's components: the master (no RECURRENCE-ID) and its exceptions.
  const masters = new Map<string, Component>()
  const exceptions = new Map<string, Component[]>()
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const uid = text(component, 'uid')
    if (uid === undefined) continue
    if (component.hasProperty('recurrence-id')) {
      exceptions.set(uid, [...(exceptions.get(uid) ?? []), component])
    } else if (!masters.has(uid)) {
      masters.set(uid, component)
    }
  }

  const instances: FeedInstance[] = []
  for (const [uid, master] of masters) {
    const own = exceptions.get(uid) ?? []
    exceptions.delete(uid)
    const event = new ICAL.Event(master, { exceptions: own, strictExceptions: true })
    if (event.isRecurring()) instances.push(...occurrences(event, own, window))
    else {
      const single = instanceOf(event, event.startDate, event.endDate, '', window)
      if (endsAfter(single, window)) instances.push(single)
    }
  }

  // Exceptions whose series is not in the feed (an invitation to one occurrence) stand alone.
  for (const orphans of exceptions.values()) {
    for (const component of orphans) {
      const event = new ICAL.Event(component)
      const single = instanceOf(
        event,
        event.startDate,
        event.endDate,
        recurrenceIdOf(event.recurrenceId, tzidOf(component, 'recurrence-id'), window),
        window,
      )
      if (endsAfter(single, window)) instances.push(single)
    }
  }
  return instances
}

/** The occurrences of a recurring event within the window. */
function occurrences(
  event: IcalEvent,
  own: readonly Component[],
  window: FeedWindow,
): FeedInstance[] {
  const found: FeedInstance[] = []
  const seen = new Set<string>()
  const masterZone = tzidOf(event.component, 'dtstart')
  const iterator = event.iterator()

  for (let read = 0; read < MAX_OCCURRENCES_READ; read++) {
    // Typed as always a time, `next` answers undefined once the rule is exhausted.
    const next = iterator.next() as IcalTime | undefined
    if (next === undefined) break
    const recurrenceId = recurrenceIdOf(next, masterZone, window)
    if (startMs(timeOf(next, masterZone, window), window) >= window.until) break

    const details = event.getOccurrenceDetails(next)
    const instance = instanceOf(
      details.item,
      details.startDate,
      details.endDate,
      recurrenceId,
      window,
    )
    seen.add(recurrenceId)
    if (endsAfter(instance, window) && startMs(instance.start, window) < window.until) {
      found.push(instance)
    }
  }

  // An exception moved into the window from an original date beyond it.
  for (const component of own) {
    const exception = new ICAL.Event(component)
    const recurrenceId = recurrenceIdOf(
      exception.recurrenceId,
      tzidOf(component, 'recurrence-id'),
      window,
    )
    if (seen.has(recurrenceId)) continue
    const instance = instanceOf(
      exception,
      exception.startDate,
      exception.endDate,
      recurrenceId,
      window,
    )
    if (endsAfter(instance, window) && startMs(instance.start, window) < window.until) {
      found.push(instance)
    }
  }
  return found
}

function instanceOf(
  item: IcalEvent,
  start: IcalTime,
  end: IcalTime | null,
  recurrenceId: string,
  window: FeedWindow,
): FeedInstance {
  const component = item.component
  const startZone = tzidOf(component, 'dtstart')
  const startTime = timeOf(start, startZone, window)
  const endTime =
    end === null ? startTime : timeOf(end, tzidOf(component, 'dtend') ?? startZone, window)

  const summary = text(component, 'summary')
  const description = text(component, 'description')
  const location = text(component, 'location')
  const url = text(component, 'url')
  const organizer = personOf(component.getFirstProperty('organizer'))
  return {
    uid: item.uid,
    recurrenceId,
    sequence: Number(component.getFirstPropertyValue('sequence') ?? 0) || 0,
    cancelled: text(component, 'status')?.toUpperCase() === 'CANCELLED',
    start: startTime,
    end: fixEnd(startTime, endTime),
    ...(summary === undefined ? {} : { summary }),
    ...(description === undefined ? {} : { description }),
    ...(location === undefined ? {} : { location }),
    ...(url === undefined ? {} : { url }),
    ...(organizer === undefined ? {} : { organizer }),
    attendees: component
      .getAllProperties('attendee')
      .filter((p) => !['RESOURCE', 'ROOM'].includes(param(p, 'cutype')?.toUpperCase() ?? ''))
      .map(personOf)
      .filter((person) => person !== undefined),
  }
}

/**
 * An end no later than its start: an all-day event lasts one day (RFC 5545 §3.6.1), anything
 * else ends when it starts.
 */
function fixEnd(start: FeedTime, end: FeedTime): FeedTime {
  if (start.kind === 'date') {
    if (end.kind === 'date' && end.date > start.date) return end
    const next = new Date(`${start.date}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    return { kind: 'date', date: next.toISOString().slice(0, 10) }
  }
  if (end.kind === 'instant' && end.at >= start.at) return end
  return start
}

/** A time as the feed means it: see `parseFeed`. */
function timeOf(time: IcalTime, tzid: string | undefined, window: FeedWindow): FeedTime {
  const wall: WallClock = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  }
  if (time.isDate) return { kind: 'date', date: formatWallClock(wall).slice(0, 10) }
  if (time.zone === ICAL.Timezone.utcTimezone)
    return { kind: 'instant', at: instantOf(wall, 'UTC') }
  if (tzid !== undefined && isTimeZone(tzid)) return { kind: 'instant', at: instantOf(wall, tzid) }
  // A zone only the feed defines (its VTIMEZONE), as ical.js resolved it.
  if (tzid !== undefined && time.zone.tzid === tzid) {
    return { kind: 'instant', at: time.toUnixTime() * 1000 }
  }
  return { kind: 'instant', at: instantOf(wall, window.timezone) }
}

/** The identity of an occurrence: its original start, in UTC (or a date). */
function recurrenceIdOf(time: IcalTime, tzid: string | undefined, window: FeedWindow): string {
  const at = timeOf(time, tzid, window)
  if (at.kind === 'date') return at.date.replaceAll('-', '')
  return `${new Date(at.at).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`
}

/** When an instance starts, in epoch ms; a date starts at midnight in the account's zone. */
export function startMs(time: FeedTime, window: Pick<FeedWindow, 'timezone'>): number {
  if (time.kind === 'instant') return time.at
  const [year = 0, month = 0, day = 0] = time.date.split('-').map(Number)
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0 }, window.timezone)
}

function endsAfter(instance: FeedInstance, window: FeedWindow): boolean {
  return startMs(instance.end, window) > window.from
}

function tzidOf(component: Component, property: string): string | undefined {
  const value = component.getFirstProperty(property)?.getParameter('tzid')
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function param(property: IcalProperty, name: string): string | undefined {
  const value = property.getParameter(name)
  return typeof value === 'string' ? value : undefined
}

function text(component: Component, property: string): string | undefined {
  const value = component.getFirstPropertyValue(property)
  const string = typeof value === 'string' ? value.trim() : undefined
  return string === '' ? undefined : string
}

/** `ATTENDEE`/`ORGANIZER`: the `mailto:` address and the `CN` name; other URIs are skipped. */
function personOf(property: IcalProperty | null): FeedPerson | undefined {
  if (property === null) return undefined
  const value = property.getFirstValue()
  if (typeof value !== 'string' || !/^mailto:/i.test(value)) return undefined
  const email = decodeURIComponent(value.slice('mailto:'.length)).trim()
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return undefined
  const name = param(property, 'cn')?.trim()
  return name === undefined || name === '' ? { email } : { email, name }
}
