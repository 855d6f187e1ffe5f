import { escapeHtml } from "./html";
import type { CaughtMessage } from "./store";

const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;max-width:60rem}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}
iframe{width:100%;height:28rem;border:1px solid #ddd}pre{white-space:pre-wrap}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The inbox: every caught email, newest first. */
export function inboxPage(messages: CaughtMessage[]): string {
  const rows = messages
    .map(
      (message) =>
        `<tr><td>${escapeHtml(message.date)}</td><td>${escapeHtml(message.to.join(", "))}</td><td><a href="/messages/${message.id}">${escapeHtml(message.subject || "(no subject)")}</a></td></tr>`,
    )
    .join("");
  return page(
    "Local inbox",
    `<h1>Local inbox</h1><p>Every email the local Auth server sends lands here. JSON: <code>/api/messages</code>.</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows || '<tr><td colspan="3">No emails yet.</td></tr>'}</tbody></table>`,
  );
}

/** One email: headers, its HTML in a sandboxed frame (no scripts), and its text. */
export function messagePage(message: CaughtMessage): string {
  return page(
    message.subject,
    `<p><a href="/">← Inbox</a></p><h1>${escapeHtml(message.subject || "(no subject)")}</h1>
<p>From ${escapeHtml(message.from)} to ${escapeHtml(message.to.join(", "))}, ${escapeHtml(message.date)}</p>
<iframe sandbox="allow-popups allow-top-navigation-by-user-activation" srcdoc="${escapeHtml(`<base target="_top">${message.html}`)}" title="Email"></iframe>
<h2>Text</h2><pre>${escapeHtml(message.text)}</pre>`,
  );
}
