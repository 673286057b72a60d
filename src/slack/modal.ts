import type { Named } from './directory'

/** The `/time` modal's callback id and the ids of its inputs. */
export const TIME_MODAL = 'time_entry'
export const MODAL_FIELDS = {
  date: 'date',
  duration: 'duration',
  project: 'project',
  activity: 'activity',
  notes: 'notes',
} as const

// Slack's static_select takes at most 100 options.
const MAX_OPTIONS = 100

function options(names: readonly Named[]) {
  return names.slice(0, MAX_OPTIONS).map((n) => ({
    text: { type: 'plain_text', text: n.name.slice(0, 75) },
    value: n.id,
  }))
}

function select(id: string, label: string, names: readonly Named[]) {
  return {
    type: 'input',
    block_id: id,
    label: { type: 'plain_text', text: label },
    element: { type: 'static_select', action_id: id, options: options(names) },
  }
}

/** The entry form `/time` opens when typed alone (needs a bot token for `views.open`). */
export function timeEntryModal(
  names: { projects: readonly Named[]; activities: readonly Named[] },
  today: string,
) {
  return {
    type: 'modal',
    callback_id: TIME_MODAL,
    title: { type: 'plain_text', text: 'Log time' },
    submit: { type: 'plain_text', text: 'Log' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: MODAL_FIELDS.date,
        label: { type: 'plain_text', text: 'Date' },
        element: { type: 'datepicker', action_id: MODAL_FIELDS.date, initial_date: today },
      },
      {
        type: 'input',
        block_id: MODAL_FIELDS.duration,
        label: { type: 'plain_text', text: 'Duration' },
        hint: { type: 'plain_text', text: '2h, 2h30m, 45m, 1.5 or 2:30' },
        element: { type: 'plain_text_input', action_id: MODAL_FIELDS.duration },
      },
      select(MODAL_FIELDS.project, 'Project', names.projects),
      select(MODAL_FIELDS.activity, 'Activity', names.activities),
      {
        type: 'input',
        block_id: MODAL_FIELDS.notes,
        optional: true,
        label: { type: 'plain_text', text: 'Notes' },
        element: { type: 'plain_text_input', action_id: MODAL_FIELDS.notes, multiline: true },
      },
    ],
  }
}
