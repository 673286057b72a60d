/** What the Worker sent outside itself during a test (see `outbound-service.ts`). */
export interface OutboundRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}

/** Everything recorded since the last `clearOutbound`. */
export async function outboundRequests(): Promise<OutboundRequest[]> {
  const res = await fetch('http://outbound.test/requests')
  return res.json()
}

export async function clearOutbound(): Promise<void> {
  await fetch('http://outbound.test/requests', { method: 'DELETE' })
}

/** Sets the Slack profiles `users.info` answers with, by user id. */
export async function setSlackProfiles(
  profiles: Record<string, { email?: string; tz?: string }>,
): Promise<void> {
  await fetch('http://outbound.test/profiles', {
    method: 'PUT',
    body: JSON.stringify({ profiles }),
  })
}
