import type { FC } from 'hono/jsx'
import { Layout, NoticeBanner, type Notice } from './layout'

/** The sign-in form: the admin token, entered once; a session cookie keeps the person in. */
export const LoginPage: FC<{ nonce: string; notice: Notice | null }> = ({ nonce, notice }) => (
  <Layout title="Sign in" nonce={nonce}>
    <section class="card login">
      <h1>Sign in</h1>
      <p class="sub">Enter the bridge's admin token (the ADMIN_TOKEN secret).</p>
      <NoticeBanner notice={notice} />
      <form method="post" action="/admin/login">
        <div class="field">
          <label for="admin-token">Admin token</label>
          <input
            id="admin-token"
            type="password"
            name="token"
            autocomplete="current-password"
            required
            autofocus
            spellcheck={false}
          />
        </div>
        <button type="submit">Sign in</button>
      </form>
    </section>
  </Layout>
)
