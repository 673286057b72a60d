import * as v from 'valibot'

/**
 * What Slack sends, as it sends it. Slack's wire names stay in this file; the rest of the bridge
 * speaks of team, user and text.
 */

/** A slash command: `application/x-www-form-urlencoded` fields. Keyed on ids, never names. */
export const SlashCommandSchema = v.object({
  team_id: v.pipe(v.string(), v.nonEmpty('team_id is missing')),
  user_id: v.pipe(v.string(), v.nonEmpty('user_id is missing')),
  command: v.pipe(v.string(), v.nonEmpty('command is missing')),
  text: v.optional(v.string(), ''),
  response_url: v.pipe(v.string(), v.url('response_url must be a URL')),
  trigger_id: v.optional(v.string()),
  channel_id: v.optional(v.string()),
})

export type SlashCommand = v.InferOutput<typeof SlashCommandSchema>

const BlockActionSchema = v.object({
  action_id: v.string(),
  value: v.optional(v.string()),
})

/** A button press in a message the bridge posted. */
export const BlockActionsSchema = v.object({
  type: v.literal('block_actions'),
  team: v.object({ id: v.string() }),
  user: v.object({ id: v.string() }),
  response_url: v.optional(v.pipe(v.string(), v.url())),
  actions: v.pipe(v.array(BlockActionSchema), v.minLength(1)),
})

const ViewStateValueSchema = v.looseObject({
  type: v.string(),
  value: v.optional(v.nullable(v.string())),
  selected_date: v.optional(v.nullable(v.string())),
  selected_option: v.optional(v.nullable(v.object({ value: v.string() }))),
})

/** The `/time` modal being submitted. */
export const ViewSubmissionSchema = v.object({
  type: v.literal('view_submission'),
  team: v.object({ id: v.string() }),
  user: v.object({ id: v.string() }),
  view: v.object({
    callback_id: v.string(),
    private_metadata: v.optional(v.string(), ''),
    state: v.object({
      values: v.record(v.string(), v.record(v.string(), ViewStateValueSchema)),
    }),
  }),
})

export const InteractionSchema = v.variant('type', [BlockActionsSchema, ViewSubmissionSchema])

export type Interaction = v.InferOutput<typeof InteractionSchema>
export type ViewSubmission = v.InferOutput<typeof ViewSubmissionSchema>

/** `users.info`: the parts the bridge reads. */
export const UserInfoSchema = v.object({
  ok: v.boolean(),
  error: v.optional(v.string()),
  user: v.optional(
    v.object({
      tz: v.optional(v.string()),
      profile: v.optional(v.object({ email: v.optional(v.string()) })),
    }),
  ),
})
