import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors'
import {
  verifyCalcom,
  verifyCalendly,
  verifySlack,
  verifyTally,
  verifyTypeform,
  verifyWebflow,
} from '../../src/verify'
import { utf8 } from './vectors'

const body = utf8('{}')

describe('an empty signing secret', () => {
  it('is refused by every HMAC verifier as a configuration error, whatever the request', async () => {
    const attempts = [
      verifySlack({ secret: '', timestamp: '1', signature: 'v0=', body }),
      verifyTypeform({ secret: '', signature: 'sha256=', body }),
      verifyTally({ secret: '', signature: '', body }),
      verifyWebflow({ secret: '', timestamp: '1', signature: '', body }),
      verifyCalendly({ signingKey: '', header: 't=1,v1=', body }),
      verifyCalcom({ secret: '', signature: '', body }),
    ]

    const errors = await Promise.all(attempts.map((a) => a.catch((e: unknown) => e)))

    for (const error of errors) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).status).toBe(500)
    }
  })
})
