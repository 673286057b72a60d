import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { SANDBOX_API_KEY, SANDBOX_BASE_URL } from '../../src/config'
import { EnerpizeClient, EnerpizeError } from '../../src/enerpize'
import { sandboxFetch, sandboxRecords } from '../../src/sandbox'
import { sandboxClient, sandboxClientWith } from './sandbox-client'

describe('EnerpizeClient against the sandbox', () => {
  describe('time tracking', () => {
    it('adds an entry and answers its new id as a string', async () => {
      const enerpize = sandboxClient()

      const id = await enerpize.timeTracking.create({
        staff_id: 1,
        project_id: 31,
        activity_id: 2,
        time: '1:30',
        date: '2026-07-16',
        notes: 'fixed the header',
      })

      expect(id).toMatch(/^\d+$/)
      const stored = (await sandboxRecords(env, 'time_tracking')).find((r) => r.id === id)
      expect(stored).toMatchObject({ staff_id: '1', project_id: '31', time: '1:30' })
    })

    it('reads an entry back with its numbers parsed and its cost computed', async () => {
      const enerpize = sandboxClient()
      const id = await enerpize.timeTracking.create({
        staff_id: 1,
        project_id: 31,
        activity_id: 2,
        time: '1:30',
        date: '2026-07-16',
        notes: 'fixed the header',
      })

      const entry = await enerpize.timeTracking.get(id)

      expect(entry).toMatchObject({
        id,
        staff_id: 1,
        project_id: 31,
        activity_id: 2,
        time: '1:30',
        date: '2026-07-16',
        notes: 'fixed the header',
        // Amira's hourly rate is 45.
        cost: 67.5,
      })
    })

    it('edits the fields given and keeps the others', async () => {
      const enerpize = sandboxClient()
      const id = await enerpize.timeTracking.create({
        staff_id: 0,
        project_id: 33,
        activity_id: 3,
        time: '0:45',
        notes: 'stand-up',
      })

      await enerpize.timeTracking.update(id, { time: '1:15' })

      const entry = await enerpize.timeTracking.get(id)
      expect(entry).toMatchObject({ time: '1:15', notes: 'stand-up', staff_id: 0, project_id: 33 })
    })

    it('deletes an entry, after which reading it answers 404', async () => {
      const enerpize = sandboxClient()
      const id = await enerpize.timeTracking.create({
        staff_id: 2,
        project_id: 32,
        activity_id: 2,
        time: '2:00',
      })

      await enerpize.timeTracking.delete(id)

      const error = await enerpize.timeTracking.get(id).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EnerpizeError)
      expect(error).toMatchObject({ kind: 'http', status: 404, retry: 'unsafe' })
    })
  })

  describe('clients', () => {
    it('adds, reads, edits and deletes a client', async () => {
      const enerpize = sandboxClient()

      const id = await enerpize.clients.create({
        type: 3,
        business_name: 'Delta Fresh',
        email: 'buyer@deltafresh.example',
        country_code: 'eg',
      })
      await enerpize.clients.update(id, { phone2: '+20 100 000 0000' })
      const client = await enerpize.clients.get(id)
      await enerpize.clients.delete(id)

      expect(client).toMatchObject({
        id,
        type: 3,
        business_name: 'Delta Fresh',
        email: 'buyer@deltafresh.example',
        country_code: 'EG',
        phone2: '+20 100 000 0000',
        client_number: id.padStart(6, '0'),
      })
      await expect(enerpize.clients.get(id)).rejects.toMatchObject({ status: 404 })
    })

    it('finds the seeded client in the list', async () => {
      const enerpize = sandboxClient()

      const page = await enerpize.clients.list({ limit: 100 })

      expect(page.items.map((c) => c.business_name)).toContain('Nile Trading Co.')
      expect(page.page).toBe(1)
      expect(page.total).toBeGreaterThanOrEqual(1)
    })
  })

  describe('client appointments', () => {
    it('adds an appointment and reads it back as a ClientAppointment', async () => {
      const enerpize = sandboxClient()

      const id = await enerpize.clientAppointments.create({
        date: '2026-07-16 14:00:00',
        end_date: '2026-07-16 14:30:00',
        item_id: 1,
        partner_type: 1,
        partner_id: 1,
        body: 'Intro call with Omar',
        action_id: 2,
        staff_id: 1,
      })
      const appointment = await enerpize.clientAppointments.get(id)

      expect(appointment).toMatchObject({
        id,
        date: '2026-07-16 14:00:00',
        end_date: '2026-07-16 14:30:00',
        item_id: '1',
        partner_id: '1',
        partner_type: 1,
        action_id: 2,
        status: 0,
        staff_id: 1,
        body: 'Intro call with Omar',
      })
    })

    it('moves an appointment and then dismisses it', async () => {
      const enerpize = sandboxClient()
      const id = await enerpize.clientAppointments.create({
        date: '2026-07-16 14:00:00',
        item_id: 1,
        partner_type: 1,
        partner_id: 1,
      })

      await enerpize.clientAppointments.update(id, { date: '2026-07-17 09:30:00' })
      await enerpize.clientAppointments.update(id, { status: 2 })

      const appointment = await enerpize.clientAppointments.get(id)
      expect(appointment).toMatchObject({ date: '2026-07-17 09:30:00', status: 2 })
    })
  })

  describe('lookups', () => {
    it('reads the projects and activities from the General Listing', async () => {
      const enerpize = sandboxClient()

      const projects = await enerpize.listing('Product')
      const activities = await enerpize.listing('TimeActivity')

      expect(projects['31']).toBe('Website Redesign')
      expect(Object.keys(projects)).toEqual(['31', '32', '33', '34'])
      expect(activities).toEqual({
        '1': 'Design',
        '2': 'Development',
        '3': 'Meetings',
        '4': 'Support',
      })
    })

    it('answers 404 for a listing model Enerpize does not know', async () => {
      const enerpize = sandboxClient()

      const error = await enerpize.listing('TimeProject').catch((e: unknown) => e)

      expect(error).toBeInstanceOf(EnerpizeError)
      expect(error).toMatchObject({ status: 404, path: '/listing/TimeProject.json' })
    })

    it('reads the site info', async () => {
      const enerpize = sandboxClient()

      const site = await enerpize.siteInfo()

      expect(site).toMatchObject({
        business_name: 'Sandbox Company',
        subdomain: 'sandbox',
        timezone: 'UTC',
        currency_code: 'USD',
      })
    })

    it('reads the follow-up actions', async () => {
      const enerpize = sandboxClient()

      const actions = await enerpize.followUpActions('client')

      expect(actions).toMatchObject({ '1': 'Meeting', '2': 'Call' })
    })

    it('lists the staff, the account owner first with id 0', async () => {
      const enerpize = sandboxClient()

      const staff = await enerpize.staff.list()

      expect(staff.items[0]).toMatchObject({ id: '0', active: true })
      expect(staff.items.map((s) => s.email_address)).toEqual([
        'owner@example.com',
        'amira@example.com',
        'ben@example.com',
        'chen@example.com',
      ])
    })
  })

  describe('pagination', () => {
    it('walks every page until the page count Enerpize reports', async () => {
      const pages: string[] = []
      const inner = sandboxFetch(env)
      const enerpize = new EnerpizeClient({
        baseUrl: SANDBOX_BASE_URL,
        apiKey: SANDBOX_API_KEY,
        timeoutMs: 5_000,
        fetch: (input, init) => {
          pages.push(new URL(new Request(input, init).url).searchParams.get('page') ?? '')
          return inner(input, init)
        },
      })
      for (let i = 0; i < 7; i++) {
        await enerpize.timeTracking.create({
          staff_id: 3,
          project_id: 34,
          activity_id: 4,
          time: `0:${String(10 + i)}`,
        })
      }
      pages.length = 0

      const seen: string[] = []
      for await (const entry of enerpize.timeTracking.iterate({ limit: 3 })) seen.push(entry.id)

      const stored = await sandboxRecords(env, 'time_tracking')
      expect(seen).toEqual(stored.map((r) => r.id))
      expect(pages).toEqual(
        Array.from({ length: Math.ceil(stored.length / 3) }, (_, i) => String(i + 1)),
      )
    })

    it('starts from the page asked for', async () => {
      const enerpize = sandboxClient()

      const rest: string[] = []
      for await (const member of enerpize.staff.iterate({ limit: 2, startPage: 2 })) {
        rest.push(member.id)
      }

      expect(rest).toEqual(['2', '3'])
    })
  })

  describe('failures', () => {
    it('answers 401 to a wrong key, and the error never shows the key', async () => {
      const enerpize = sandboxClientWith({ apiKey: 'not-the-sandbox-key' })

      const error = await enerpize.siteInfo().catch((e: unknown) => e)

      expect(error).toBeInstanceOf(EnerpizeError)
      expect(error).toMatchObject({
        kind: 'http',
        status: 401,
        retry: 'unsafe',
        enerpizeMessage: 'Unauthorized',
        message: 'Enerpize rejected GET /site_info.json (401): Unauthorized',
      })
      expect(JSON.stringify(error) + String(error)).not.toContain('not-the-sandbox-key')
    })

    it('answers 404 for a record that does not exist', async () => {
      const enerpize = sandboxClient()

      const error = await enerpize.clients.get('999999').catch((e: unknown) => e)

      expect(error).toMatchObject({
        kind: 'http',
        status: 404,
        enerpizeMessage: 'Item not found',
        path: '/clients/999999.json',
      })
    })

    it('carries the validation errors of a rejected create', async () => {
      const enerpize = sandboxClient()

      const error = await enerpize.timeTracking
        .create({ staff_id: 9, project_id: 31, activity_id: 2, time: '1:75' })
        .catch((e: unknown) => e)

      expect(error).toMatchObject({
        status: 400,
        retry: 'unsafe',
        validationErrors: {
          staff_id: 'no staff member with id 9',
          time: 'must be hours and minutes, H:MM, with minutes below 60',
        },
      })
    })
  })
})
