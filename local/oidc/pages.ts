import { escapeHtml } from "../mail/html";

const STYLE =
  "body{font:15px system-ui,sans-serif;max-width:24rem;margin:4rem auto}label,input,button{display:block;margin:.5rem 0}";

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** Said on every page: anyone may type any address here, which is only acceptable on a developer's machine. */
export const STAND_IN_NOTICE =
  "This is a local stand-in for GitHub and Google, for development and tests on this machine only. It asks for no password: whoever types an address signs in as that account.";

/** The login page: one field labelled "Email" (name `login`) and a "Sign in" button; no password. */
export function loginPage(uid: string, providerTitle: string, error?: string): string {
  return page(
    `Sign in to ${providerTitle} (local)`,
    `<p role="note">${escapeHtml(STAND_IN_NOTICE)}</p>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Email</label><input id="login" name="login" type="email" autocomplete="email" required autofocus>
<button type="submit">Sign in</button></form>`,
  );
}

/** The consent page: an "Authorize" button (and "Cancel", which denies access). */
export function consentPage(uid: string, providerTitle: string, email: string): string {
  return page(
    `Authorize Tryliate (${providerTitle}, local)`,
    `<p role="note">${escapeHtml(STAND_IN_NOTICE)}</p><p>Signed in as ${escapeHtml(email)}. Tryliate asks for your email address and profile.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit">Authorize</button></form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}
