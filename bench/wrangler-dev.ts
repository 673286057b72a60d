import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'

/** A `wrangler dev` the benchmark started, on 127.0.0.1. */
export interface DevServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  /** The workerd processes serving it (wrangler's own Node process excluded). */
  workerdPids(): number[]
  /** What wrangler printed, for when something goes wrong. */
  output(): string
  stop(): Promise<void>
}

export interface DevOptions {
  /** `--config`; the project's wrangler.toml when unset. */
  readonly config?: string
  /**
   * A Worker already built (`wrangler deploy --dry-run --outdir`), served as it is
   * (`--no-bundle`) instead of `main`: what would be deployed, unaffected by source edits made
   * while the benchmark runs.
   */
  readonly script?: string
  /** Secrets and settings, as a `.env` file `wrangler dev --env-file` reads. */
  readonly envFile: string
  /** `--var NAME:value` pairs. */
  readonly vars: Readonly<Record<string, string>>
  /** `--persist-to`: local KV, Queues and Durable Object storage. */
  readonly persistTo: string
  /** How long to wait for the server to answer; the benchmark gives up after that. */
  readonly readyTimeoutMs?: number
  /**
   * Where wrangler writes its debug log. Under load it logs every subrequest the Worker makes
   * (hundreds of megabytes in one run), so the benchmark keeps it in its temporary directory.
   */
  readonly logDir?: string
}

/** Servers started and not yet stopped, so that an interrupted run leaves nothing behind. */
const running = new Set<DevServer>()

/** Stops every server this process started. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()))
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts `wrangler dev` on a free loopback port (its inspector on another), with nothing that
 * would leave the machine: no metrics, no update check, no `Request.cf` download.
 */
export async function startWranglerDev(options: DevOptions): Promise<DevServer> {
  const port = await freePort()
  const inspectorPort = await freePort()
  const args = [
    'dev',
    ...(options.script === undefined ? [] : [options.script, '--no-bundle']),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--persist-to',
    options.persistTo,
    '--env-file',
    options.envFile,
    '--show-interactive-dev-session=false',
    '--log-level',
    'warn',
    '--config',
    options.config ?? 'wrangler.toml',
    ...Object.entries(options.vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ]
  const child = spawn('node_modules/.bin/wrangler', args, {
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      // A change to wrangler.toml mid-run would restart the Worker and void the measurement.
      WRANGLER_CI_DISABLE_CONFIG_WATCHING: 'true',
      ...(options.logDir === undefined ? {} : { WRANGLER_LOG_PATH: options.logDir }),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString('utf8'))
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)

  const origin = `http://127.0.0.1:${String(port)}`
  const server: DevServer = {
    origin,
    workerdPids: () => descendants(child.pid ?? -1).filter((pid) => commandOf(pid) === 'workerd'),
    output: () => lines.join(''),
    stop: async () => {
      running.delete(server)
      await stop(child)
    },
  }
  running.add(server)

  // Ready when the Worker answers; `/` is a 404 from the bridge, which is an answer.
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000)
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`wrangler dev exited with ${String(child.exitCode)}:\n${server.output()}`)
    }
    try {
      const res = await fetch(`${origin}/`)
      await res.arrayBuffer()
      return server
    } catch {
      if (Date.now() > deadline) {
        await server.stop()
        throw new Error(`wrangler dev did not answer in time:\n${server.output()}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

/** Stops wrangler and everything it started (it leads its own process group). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }, 5000)
  await exited
  clearTimeout(timer)
}

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const parent = Number(statFields(Number(entry))[1] ?? -1)
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  const found: number[] = []
  const queue = [pid]
  while (queue.length > 0) {
    const current = queue.shift() ?? -1
    for (const child of children.get(current) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

/** Fields of /proc/<pid>/stat after the command name: state, ppid, …, utime, stime, … */
function statFields(pid: number): string[] {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return []
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${String(pid)}/comm`, 'utf8').trim()
  } catch {
    return ''
  }
}

/** CPU seconds (user and system) the processes have used so far. */
export function cpuSeconds(pids: readonly number[], ticksPerSecond = 100): number {
  let ticks = 0
  for (const pid of pids) {
    const fields = statFields(pid)
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0)
  }
  return ticks / ticksPerSecond
}
