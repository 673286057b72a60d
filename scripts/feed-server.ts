/**
 * A calendar server on loopback, for trying ICS_FEEDS with `npm start`:
 *
 *   npx tsx scripts/feed-server.ts [calendar.ics]     (serves http://127.0.0.1:8788/calendar.ics)
 *
 * Without a file it serves a sample feed: a meeting tomorrow and a weekly call, both with the
 * sandbox's client (omar@niletrading.example) and organised by a sandbox staff member. It answers
 * `If-None-Match` / `If-Modified-Since` with 304 until the file changes, as calendar servers do.
 * Put the URL in `.dev.vars` (`ICS_FEEDS=http://127.0.0.1:8788/calendar.ics`), run `npm start`,
 * and trigger a poll with `curl http://127.0.0.1:8787/__scheduled`.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { icsUtc, vcalendar, vevent } from '../test/fixtures/calendar/ics'

const port = Number(process.env['FEED_PORT'] ?? '8788')
const file = process.argv[2]

function sampleFeed(): { ics: string; modified: Date } {
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000)
  tomorrow.setUTCHours(9, 0, 0, 0)
  const hour = (offset: number) => icsUtc(tomorrow.getTime() + offset * 60 * 60 * 1000)
  const attendee = 'ATTENDEE;CN=Omar Farouk;PARTSTAT=ACCEPTED:mailto:omar@niletrading.example'
  const organizer = 'ORGANIZER;CN=Amira Hassan:mailto:amira@example.com'
  const ics = vcalendar(
    vevent(
      'UID:sample-meeting@enerpize-bridge.local',
      `DTSTART:${hour(0)}`,
      `DTEND:${hour(1)}`,
      'SUMMARY:Shipment review',
      'LOCATION:Cairo office',
      organizer,
      attendee,
    ),
    vevent(
      'UID:sample-weekly@enerpize-bridge.local',
      `DTSTART:${hour(5)}`,
      `DTEND:${hour(5.5)}`,
      'RRULE:FREQ=WEEKLY;COUNT=6',
      'SUMMARY:Weekly call',
      organizer,
      attendee,
    ),
  )
  // The sample changes once a day, when "tomorrow" does.
  return { ics, modified: new Date(tomorrow.getTime() - 24 * 60 * 60 * 1000) }
}

function currentFeed(): { ics: string; modified: Date } {
  if (file === undefined) return sampleFeed()
  return { ics: readFileSync(file, 'utf8'), modified: statSync(file).mtime }
}

const server = createServer((request, response) => {
  if (request.url !== '/calendar.ics') {
    response.writeHead(404).end('not found')
    return
  }
  const { ics, modified } = currentFeed()
  const etag = `"${createHash('sha256').update(ics).digest('hex').slice(0, 16)}"`
  const lastModified = new Date(Math.floor(modified.getTime() / 1000) * 1000).toUTCString()
  const headers = { etag, 'last-modified': lastModified }

  const ifNoneMatch = request.headers['if-none-match']
  const ifModifiedSince = request.headers['if-modified-since']
  const unchanged =
    ifNoneMatch !== undefined
      ? ifNoneMatch === etag
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified)
  console.log(`${new Date().toISOString()} GET /calendar.ics → ${unchanged ? 304 : 200}`)
  if (unchanged) {
    response.writeHead(304, headers).end()
    return
  }
  response.writeHead(200, { ...headers, 'content-type': 'text/calendar; charset=utf-8' }).end(ics)
})

server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${file ?? 'a sample feed'} at http://127.0.0.1:${String(port)}/calendar.ics`)
})
