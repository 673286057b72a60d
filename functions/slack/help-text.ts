/**
 * The reply to `/time help` (and to `/time` alone), in Slack mrkdwn: the grammar, examples and
 * the other sub-commands. It holds no `&`, `<` or `>`, which mrkdwn would read as markup.
 */
export function helpText(): string {
  return [
    '*Log time:* `/time DURATION [DATE] [#project] [+activity] [notes]`',
    '• *Duration* comes first: `2h`, `2h30m`, `45m`, `1.5h`, `1.5` (hours) or `2:30`; ' +
      'at most 24 hours.',
    '• *Date* is today unless you add `yesterday`, a weekday such as `mon` or `friday` ' +
      '(the most recent one, today included) or a date such as `2026-03-14`.',
    '• *#project* and *+activity*, in either order, one of each. Join words with `-` or `_` ' +
      '(`#website-redesign`); the start of a name is enough when only one name starts that ' +
      'way. Without them, the default project and activity are used where they are set.',
    '• Every other word is the note.',
    '',
    '*Examples*',
    '• `/time 2h #website fixed the header`',
    '• `/time 1:30 yesterday #website-redesign +design homepage mock-ups`',
    '• `/time 45m fri +meeting weekly planning`',
    '• `/time 2h 15m 2026-03-14 #support +calls`',
    '',
    '*Other commands*',
    '• `/time list` or `/time list yesterday`: the time you logged that day',
    '• `/time undo`: take back the last entry you logged',
    '• `/time projects`: the projects you can log time to',
    '• `/time link you@example.com` or `/time link 42`: tell the bridge which Enerpize staff ' +
      'member you are, by e-mail or staff id',
    '• `/time help`: this message',
  ].join('\n')
}
