import { describe, expect, it } from 'vitest'
import { helpText } from '../../../functions/slack/help-text'
import { parseTimeCommand } from '../../../functions/slack/parse-time-command'

/** Every example `/time …` command the help shows (not the grammar), without `/time `. */
function examples(): string[] {
  return Array.from(
    helpText().matchAll(/`\/time ([^`]*)`/gu),
    ([, command = '']) => command,
  ).filter((command) => !command.startsWith('DURATION'))
}

describe('helpText', () => {
  it('shows the grammar', () => {
    const text = helpText()

    expect(text).toContain('/time DURATION [DATE] [#project] [+activity] [notes]')
    for (const form of ['2h', '2h30m', '45m', '1.5h', '2:30', 'yesterday', 'mon', '2026-03-14']) {
      expect(text).toContain(`\`${form}\``)
    }
  })

  it('shows every sub-command', () => {
    const commands = examples().map((command) => command.split(' ')[0])

    expect(commands).toEqual(expect.arrayContaining(['list', 'undo', 'projects', 'link', 'help']))
  })

  it('shows only examples that parse', () => {
    const results = examples().map((command) => parseTimeCommand(command, { today: '2026-07-15' }))

    expect(results.length).toBeGreaterThanOrEqual(9)
    expect(results.filter((result) => result.kind === 'error')).toEqual([])
    expect(results.filter((result) => result.kind === 'entry')).toHaveLength(4)
  })

  it('holds no character that Slack mrkdwn reads as markup', () => {
    const text = helpText()

    expect(text).not.toMatch(/[&<>]/u)
  })
})
