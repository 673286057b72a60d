/**
 * What a fresh sandbox account holds. Records are written the way Enerpize answers them, with
 * numbers as strings, so whatever reads them meets the same shapes as against a real account.
 */

/** The account owner (staff id 0, as in Enerpize) and three staff members. */
export const SEED_STAFF = [
  {
    id: '0',
    name: 'Sandbox Owner',
    email_address: 'owner@example.com',
    active: '1',
    hourly_rate: '60',
  },
  {
    id: '1',
    name: 'Amira Hassan',
    email_address: 'amira@example.com',
    active: '1',
    hourly_rate: '45',
  },
  { id: '2', name: 'Ben Carter', email_address: 'ben@example.com', active: '1', hourly_rate: '40' },
  { id: '3', name: 'Chen Wei', email_address: 'chen@example.com', active: '1', hourly_rate: '50' },
] as const

/** One existing client, so lookups and appointments have someone to find. */
export const SEED_CLIENTS = [
  {
    id: '1',
    type: '3',
    client_number: '000001',
    business_name: 'Nile Trading Co.',
    first_name: 'Omar',
    last_name: 'Farouk',
    email: 'omar@niletrading.example',
    phone1: '+20 2 2345 6789',
    phone2: '',
    address1: '12 Corniche El Nil',
    address2: '',
    city: 'Cairo',
    state: '',
    postal_code: '11511',
    country_code: 'EG',
    notes: '',
    staff_id: '1',
    created: '2026-01-05 09:00:00',
    modified: '2026-01-05 09:00:00',
  },
] as const

/** General Listings by model: projects under `Product`, as the reference names it. */
export const SEED_LISTINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Product: {
    '31': 'Website Redesign',
    '32': 'Mobile App',
    '33': 'Internal Operations',
    '34': 'Web Hosting',
  },
  TimeActivity: { '1': 'Design', '2': 'Development', '3': 'Meetings', '4': 'Support' },
}

/** The General Listing model that holds projects. */
export const PROJECT_LISTING = 'Product'

/** The General Listing model that holds activities. */
export const ACTIVITY_LISTING = 'TimeActivity'

/** Follow-up actions an appointment can name in `action_id`. */
export const SEED_FOLLOW_UP_ACTIONS: Readonly<Record<string, string>> = {
  '1': 'Meeting',
  '2': 'Call',
  '3': 'Video call',
}

/** Site info, apart from the time zone, which follows the bridge's `TIMEZONE`. */
export const SEED_SITE = {
  business_name: 'Sandbox Company',
  subdomain: 'sandbox',
  currency_code: 'USD',
} as const
