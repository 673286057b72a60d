import type { TriggerSample } from './sample'
import { calcom } from './calcom'
import { calendly } from './calendly'
import { html } from './html'
import { jotform } from './jotform'
import { slack } from './slack'
import { tally } from './tally'
import { typeform } from './typeform'
import { webflow } from './webflow'
import { webhook } from './webhook'

/** Every source `npm run trigger` can play, by the name typed after `--`. */
export const samples: Readonly<Record<string, TriggerSample>> = {
  slack,
  typeform,
  tally,
  webflow,
  jotform,
  html,
  webhook,
  calendly,
  calcom,
}
