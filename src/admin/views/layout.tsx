import type { Child, FC } from 'hono/jsx'
import { STYLES } from './styles'

/** Props every page shares. */
export interface PageProps {
  readonly title: string
  /** The CSP nonce that lets the inline stylesheet apply. */
  readonly nonce: string
  /** Set when signed in: the header shows the sign-out button, which needs it. */
  readonly csrf?: string
  readonly children?: Child
}

/** The page shell: the head with the stylesheet, the top bar and the main column. */
export const Layout: FC<PageProps> = ({ title, nonce, csrf, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{`${title} · enerpize-bridge`}</title>
      <style nonce={nonce} dangerouslySetInnerHTML={{ __html: STYLES }} />
    </head>
    <body>
      <header class="bar">
        <a class="brand" href="/admin">
          enerpize-bridge <span>admin</span>
        </a>
        {csrf === undefined ? null : (
          <form method="post" action="/admin/logout">
            <input type="hidden" name="csrf" value={csrf} />
            <button type="submit" class="small">
              Sign out
            </button>
          </form>
        )}
      </header>
      <main>{children}</main>
    </body>
  </html>
)

/** A one-line message at the top of a page. */
export interface Notice {
  readonly tone: 'good' | 'info' | 'bad'
  readonly text: string
}

export const NoticeBanner: FC<{ notice: Notice | null }> = ({ notice }) =>
  notice === null ? null : (
    <p class={`notice ${notice.tone}`} role="status">
      {notice.text}
    </p>
  )
