import type { BenchResults } from './results'

/**
 * `bench/chart.svg`, drawn from the results: acknowledgement p99 as a ratio to `/ping` per
 * concurrency, the Worker's CPU time per request and per delivered event, and event-to-Enerpize
 * latency. Plain SVG, no charting library, no external service.
 */

const WIDTH = 960
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"'
const COLOURS = ['#2563eb', '#f97316', '#16a34a', '#9333ea', '#dc2626']

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

interface LabelStyle {
  readonly size?: number
  readonly anchor?: 'start' | 'middle' | 'end'
  readonly fill?: string
}

function label(x: number, y: number, text: string, style: LabelStyle = {}): string {
  const { size = 12, anchor = 'start', fill = '#222' } = style
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${FONT} font-size="${String(size)}" text-anchor="${anchor}" fill="${fill}">${escape(text)}</text>`
}

/** The smallest round number at or above `value`: a readable axis maximum. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value))
  const step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value) ?? 10
  return step * power
}

function title(y: number, text: string): string {
  return `<text x="20" y="${String(y)}" ${FONT} font-size="15" font-weight="600">${escape(text)}</text>`
}

/** A dashed reference line across a panel, with its label at the right end. */
function reference(x1: number, x2: number, y: number, text: string, colour: string): string {
  return (
    `<line x1="${x1.toFixed(1)}" x2="${x2.toFixed(1)}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${colour}" stroke-dasharray="5 4"/>` +
    label(x2 - 4, y - 4, text, { anchor: 'end', fill: colour })
  )
}

/** Vertical grouped bars: one group per category, one bar per series. */
function groupedBars(
  top: number,
  height: number,
  categories: readonly string[],
  series: readonly { name: string; values: readonly number[] }[],
  options: { max: number; unit: string; target?: { value: number; text: string } },
): string {
  const left = 70
  const right = WIDTH - 20
  const bottom = top + height
  const scale = (value: number) => bottom - (Math.min(value, options.max) / options.max) * height
  const group = (right - left) / categories.length
  const bar = Math.min(36, (group * 0.8) / series.length)
  const parts: string[] = [
    `<line x1="${String(left)}" x2="${String(right)}" y1="${String(bottom)}" y2="${String(bottom)}" stroke="#999"/>`,
  ]
  for (let tick = 0; tick <= 4; tick++) {
    const value = (options.max / 4) * tick
    parts.push(
      label(left - 8, scale(value) + 4, `${formatNumber(value)}${options.unit}`, {
        anchor: 'end',
        fill: '#555',
      }),
      `<line x1="${String(left)}" x2="${String(right)}" y1="${scale(value).toFixed(1)}" y2="${scale(value).toFixed(1)}" stroke="#eee"/>`,
    )
  }
  categories.forEach((category, c) => {
    const start = left + group * c + (group - bar * series.length) / 2
    series.forEach((s, i) => {
      const value = s.values[c] ?? 0
      const x = start + bar * i
      const y = scale(value)
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bar - 3).toFixed(1)}" height="${(bottom - y).toFixed(1)}" fill="${COLOURS[i % COLOURS.length] ?? '#333'}"/>`,
        label(x + (bar - 3) / 2, y - 4, formatNumber(value), { anchor: 'middle', size: 10 }),
      )
    })
    parts.push(label(left + group * c + group / 2, bottom + 16, category, { anchor: 'middle' }))
  })
  if (options.target !== undefined) {
    parts.push(reference(left, right, scale(options.target.value), options.target.text, '#dc2626'))
  }
  series.forEach((s, i) => {
    const x = left + 10 + i * 150
    parts.push(
      `<rect x="${String(x)}" y="${String(top - 14)}" width="10" height="10" fill="${COLOURS[i % COLOURS.length] ?? '#333'}"/>`,
      label(x + 14, top - 5, s.name),
    )
  })
  return parts.join('\n')
}

/** Horizontal bars, one per row, with reference lines. */
function horizontalBars(
  top: number,
  rows: readonly { name: string; value: number }[],
  options: {
    max: number
    unit: string
    references: readonly { value: number; text: string; colour: string }[]
  },
): string {
  const left = 320
  const right = WIDTH - 40
  const rowHeight = 20
  const scale = (value: number) =>
    left + (Math.min(value, options.max) / options.max) * (right - left)
  const parts: string[] = []
  rows.forEach((row, i) => {
    const y = top + i * rowHeight
    parts.push(
      label(left - 8, y + 13, row.name, { anchor: 'end' }),
      `<rect x="${String(left)}" y="${String(y + 2)}" width="${(scale(row.value) - left).toFixed(1)}" height="${String(rowHeight - 5)}" fill="${row.value > options.max ? '#dc2626' : '#2563eb'}"/>`,
      // A bar that reaches the right edge carries its value inside, in white.
      row.value > options.max || scale(row.value) > right - 70
        ? label(
            scale(row.value) - 4,
            y + 13,
            `${formatNumber(row.value)}${options.unit}${row.value > options.max ? ' →' : ''}`,
            {
              size: 11,
              anchor: 'end',
              fill: '#fff',
            },
          )
        : label(scale(row.value) + 4, y + 13, `${formatNumber(row.value)}${options.unit}`, {
            size: 11,
          }),
    )
  })
  const bottom = top + rows.length * rowHeight
  for (const ref of options.references) {
    const x = scale(ref.value)
    parts.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${String(top - 4)}" y2="${String(bottom)}" stroke="${ref.colour}" stroke-dasharray="5 4"/>`,
      label(x, top - 8, ref.text, { anchor: 'middle', fill: ref.colour }),
    )
  }
  return parts.join('\n')
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–'
  if (value >= 100) return value.toFixed(0)
  if (value >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

/** The chart as an SVG document. */
export function renderChart(results: BenchResults): string {
  const routes = ['slack', 'typeform', 'calendly'] as const
  const concurrency = [...new Set(results.acks.map((a) => a.concurrency))]
  const ratio = (route: string, c: number) =>
    results.acks.find((a) => a.route === route && a.concurrency === c)?.ratioP99 ?? 0
  const ratios = routes.map((route) => ({
    name: route,
    values: concurrency.map((c) => ratio(route, c)),
  }))
  const maxRatio = niceCeiling(Math.max(1.5, ...ratios.flatMap((r) => r.values)) * 1.1)

  const cpuRows = [
    ...results.cpu.routes.map((r) => ({ name: `answer ${r.route}`, value: r.msPerCall })),
    ...results.cpu.consumer.map((c) => ({
      name: `deliver ${c.scenario.replace(' in Enerpize', '')}`,
      value: c.msPerEvent,
    })),
  ]
  const cpuMax = 12

  const e2e = results.endToEnd
  const e2eMax = niceCeiling(Math.max(0.1, ...e2e.map((e) => e.p99 / 1000)) * 1.1)

  const panel1 = 100
  const panel2 = panel1 + 260 + 60
  const panel3 = panel2 + cpuRows.length * 20 + 90
  const height = panel3 + 260 + 50

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${String(WIDTH)}" height="${String(height)}" viewBox="0 0 ${String(WIDTH)} ${String(height)}">
<rect width="100%" height="100%" fill="#fff"/>
${title(24, `enerpize-bridge benchmark, ${results.date.slice(0, 10)} (${String(results.machine.cores)} cores, Node ${results.machine.node})`)}
${title(panel1 - 24, 'Acknowledgement p99 as a multiple of GET /ping, by concurrent clients')}
${groupedBars(
  panel1 + 16,
  230,
  concurrency.map((c) => `${String(c)} concurrent`),
  ratios,
  { max: maxRatio, unit: '×', target: { value: 1.25, text: 'target 1.25×' } },
)}
${title(panel2 - 24, 'Worker CPU time (ms): per request answered, and per event delivered')}
${horizontalBars(panel2 + 12, cpuRows, {
  max: cpuMax,
  unit: ' ms',
  references: [
    { value: 1, text: 'target 1 ms', colour: '#16a34a' },
    { value: 10, text: 'free plan 10 ms', colour: '#dc2626' },
  ],
})}
${title(panel3 - 24, 'From request to Enerpize record, through the queue (seconds)')}
${groupedBars(
  panel3 + 16,
  230,
  e2e.map((e) => `${e.source} (${formatNumber(e.eventsPerSecond)} events/s)`),
  [
    { name: 'p50', values: e2e.map((e) => e.p50 / 1000) },
    { name: 'p99', values: e2e.map((e) => e.p99 / 1000) },
  ],
  { max: e2eMax, unit: ' s' },
)}
</svg>
`
}
