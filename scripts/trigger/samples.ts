import type { TriggerSample } from './sample'
import { slack } from './slack'

/** Every source `npm run trigger` can play, by the name typed after `--`. */
export const samples: Readonly<Record<string, TriggerSample>> = {
  slack,
}
