/** The console's whole stylesheet, inlined in every page: no asset to serve, nothing to build. */
export const STYLES = `
:root {
  --ink: #1d2330; --muted: #5d6678; --line: #dfe3ea; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #2855d8; --accent-ink: #ffffff;
  --ok: #1d7a46; --ok-wash: #e3f4ea; --info: #2855d8; --info-wash: #e6edfd;
  --warn: #a35a00; --warn-wash: #fdf0dc; --bad: #b42318; --bad-wash: #fde7e5;
  --quiet: #5d6678; --quiet-wash: #eef0f4;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
header.bar {
  background: var(--ink); color: #fff; padding: 0 24px; height: 56px;
  display: flex; align-items: center; justify-content: space-between;
}
header.bar .brand { font-weight: 600; letter-spacing: .2px; color: #fff; }
header.bar .brand span { color: #9fb0d0; font-weight: 400; }
header.bar form { margin: 0; }
header.bar button { background: transparent; color: #d6dcea; border: 1px solid #48506a; }
header.bar button:hover { background: #2c3447; }
main { max-width: 1160px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 20px; }
.grid { display: grid; gap: 20px; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
.chip { border: 1px solid var(--line); border-radius: 999px; padding: 2px 10px; font-size: 13px; }
.chip.ready { border-color: #b7e0c7; background: var(--ok-wash); color: var(--ok); }
.chip.missing { background: var(--quiet-wash); color: var(--quiet); }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 0 0 14px; padding: 0; list-style: none; }
.counts li { min-width: 92px; }
.counts a { display: block; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; color: var(--ink); }
.counts a:hover { text-decoration: none; border-color: var(--accent); }
.counts strong { display: block; font-size: 20px; }
.counts small { color: var(--muted); }
.badge { display: inline-block; border-radius: 6px; padding: 1px 8px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .4px; }
.badge.delivered { background: var(--ok-wash); color: var(--ok); }
.badge.queued { background: var(--info-wash); color: var(--info); }
.badge.duplicate { background: var(--quiet-wash); color: var(--quiet); }
.badge.failed { background: var(--warn-wash); color: var(--warn); }
.badge.dead { background: var(--bad-wash); color: var(--bad); }
form.filters { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin: 0; }
label { font-size: 13px; color: var(--muted); }
.field { display: grid; gap: 4px; }
input, select {
  font: inherit; color: var(--ink); background: #fff; border: 1px solid #c9cfda; border-radius: 7px;
  padding: 7px 10px; min-width: 160px;
}
input:focus, select:focus, button:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
button, .button {
  font: inherit; font-weight: 600; border-radius: 7px; padding: 7px 14px; cursor: pointer;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink);
}
button.secondary { background: #fff; color: var(--accent); }
button.small { padding: 3px 10px; font-size: 13px; }
.toolbar { display: flex; justify-content: space-between; align-items: end; gap: 16px; flex-wrap: wrap; margin-bottom: 14px; }
.toolbar form { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .4px; color: var(--muted); font-weight: 600; }
tbody tr:hover { background: #fafbfd; }
td.when { white-space: nowrap; color: var(--muted); font-size: 13px; }
td.num { text-align: right; }
td form { margin: 0; }
.summary { overflow-wrap: anywhere; }
.empty { color: var(--muted); padding: 28px 0; text-align: center; }
.pager { display: flex; justify-content: space-between; margin-top: 14px; }
.notice { border-radius: 8px; padding: 10px 14px; margin-bottom: 18px; border: 1px solid; }
.notice.good { background: var(--ok-wash); border-color: #b7e0c7; color: #14532d; }
.notice.info { background: var(--info-wash); border-color: #c4d3fa; color: #1e3a8a; }
.notice.bad { background: var(--bad-wash); border-color: #f5c2bd; color: #7a1b12; }
.error-box { background: var(--bad-wash); border: 1px solid #f5c2bd; border-radius: 8px; padding: 12px 14px; }
.error-box ul { margin: 8px 0 0; padding-left: 20px; }
.login { max-width: 380px; margin: 12vh auto 0; }
.login form { display: grid; gap: 14px; }
.login input { width: 100%; }
.muted { color: var(--muted); }
`
