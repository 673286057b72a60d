/**
 * The pages a person sees after posting a plain HTML form to the bridge: a thank-you page when
 * no `FORM_SUCCESS_URL` is set, and a readable error page when the form cannot be taken.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe to put inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}
h1{font-size:1.5rem}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}

/** The page shown once a submission has been received. */
export function thankYouPage(): string {
  return page(
    'Thank you',
    '<p>Your message has been received. We will be in touch soon.</p>\n<p>You can close this page.</p>',
  )
}

/** What went wrong, in words for the person who filled in the form. */
export interface FormProblem {
  readonly title: string
  readonly message: string
  readonly details?: readonly string[]
}

/** The page shown when a submission cannot be taken. */
export function errorPage(problem: FormProblem): string {
  const details =
    problem.details === undefined || problem.details.length === 0
      ? ''
      : `\n<ul>\n${problem.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('\n')}\n</ul>`
  return page(
    problem.title,
    `<p>${escapeHtml(problem.message)}</p>${details}\n<p>Nothing was sent. Use your browser's back button to return to the form.</p>`,
  )
}
