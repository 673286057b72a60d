import { describe, expect, it } from 'vitest'
import { plainText } from '../../../functions/slack/slack-text'

describe('plainText', () => {
  it.each([
    ['plain words', 'plain words'],
    ['R&amp;D &lt;b&gt;', 'R&D <b>'],
    ['&amp;lt; stays', '&lt; stays'],
    ['&quot;other entities&quot; stay', '&quot;other entities&quot; stay'],
    ['<#C024BE7LR|website>', '#website'],
    ['<#C024BE7LR>', '#C024BE7LR'],
    ['<#C024BE7LR|>', '#C024BE7LR'],
    ['<@U024BE7LH|bob> and <@U024BE7LH>', '@bob and @U024BE7LH'],
    ['<!here> <!channel>', '@here @channel'],
    ['<!subteam^S0123|@design>', '@design'],
    ['<mailto:ann@example.com|ann@example.com>', 'ann@example.com'],
    ['<mailto:ann@example.com>', 'ann@example.com'],
    ['<https://example.com/a?b=1&amp;c=2>', 'https://example.com/a?b=1&c=2'],
    ['<https://example.com|example.com>', 'example.com'],
    ['&lt;#C1|web&gt;', '<#C1|web>'],
  ])('shows “%s” as “%s”', (text, shown) => {
    const plain = plainText(text)

    expect(plain).toBe(shown)
  })
})
