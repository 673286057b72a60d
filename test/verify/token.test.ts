import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors'
import { verifyToken } from '../../src/verify'
import { signatureFailure } from './support'

const expected = 'f0rm-t0ken-4e1b9c'

describe('verifyToken', () => {
  it('passes the configured token', async () => {
    const verified = verifyToken({ expected, given: expected })

    await expect(verified).resolves.toBeUndefined()
  })

  it.each([
    ['missing from the query', null],
    ['absent from the form', undefined],
    ['empty', ''],
  ])('rejects a token that is %s', async (_case, given) => {
    const message = await signatureFailure(verifyToken({ expected, given }))

    expect(message).toBe('token missing')
  })

  it.each([
    ['a different token of the same length', 'f0rm-t0ken-4e1b9d'],
    ['a prefix of the token', 'f0rm-t0ken'],
    ['the token with more after it', `${expected}x`],
    ['the token in other case', expected.toUpperCase()],
    ['the token with a space after it', `${expected} `],
  ])('rejects %s', async (_case, given) => {
    const message = await signatureFailure(verifyToken({ expected, given }))

    expect(message).toBe('token does not match')
  })

  it('refuses to compare against an empty configured token', async () => {
    const error: unknown = await verifyToken({ expected: '', given: '' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ConfigError)
  })
})
