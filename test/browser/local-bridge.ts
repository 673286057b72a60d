import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The bridge under `wrangler dev`, on a loopback port, with state in a temporary folder. */
export interface LocalBridge {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** Everything wrangler printed, for a failing test's message. */
  output(): string
  stop(): Promise<void>
}

/** A port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })
}

/**
 * Starts `wrangler dev` with `secrets` in a temporary env file (so a developer's `.dev.vars` is
 * not read) and a temporary `--persist-to`, and waits until `/health` answers.
 */
export async function startBridge(secrets: Readonly<Record<string, string>>): Promise<LocalBridge> {
  const folder = await mkdtemp(join(tmpdir(), 'bridge-browser-'))
  const envFile = join(folder, 'secrets.env')
  await writeFile(
    envFile,
    Object.entries(secrets)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join('\n'),
    { mode: 0o600 },
  )
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const origin = `http://127.0.0.1:${String(port)}`

  let output = ''
  const child = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-ip',
      '127.0.0.1',
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      join(folder, 'state'),
      '--env-file',
      envFile,
      '--show-interactive-dev-session=false',
    ],
    {
      // Its own process group, so stopping it also stops the workerd it starts.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        // Nothing leaves the machine: the runtime's request.cf stays the built-in default.
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    },
  )
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const bridge: LocalBridge = {
    origin,
    output: () => output,
    stop: async () => {
      await stopGroup(child)
      await rm(folder, { recursive: true, force: true })
    },
  }
  try {
    await waitForHealth(origin, child, () => output)
  } catch (error) {
    await bridge.stop()
    throw error
  }
  return bridge
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output()}`)
    try {
      const res = await fetch(`${origin}/health`)
      if (res.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`wrangler dev did not answer /health in time:\n${output()}`)
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return Promise.resolve()
  const pid = child.pid
  return new Promise((resolve) => {
    const killer = setTimeout(() => {
      signalGroup(pid, 'SIGKILL')
    }, 10_000)
    child.once('exit', () => {
      clearTimeout(killer)
      resolve()
    })
    signalGroup(pid, 'SIGTERM')
  })
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}
