// This browser's screen token, when it runs /screen as a pinned wall display. It arrives in the
// address fragment (/screen#token=…: never sent to a server, nor in a Referer), is kept in
// localStorage and taken out of the address bar at once.
const KEY = 'fk.screenToken';
const PREFIX = 'fks_';

export function savedScreenToken(): string | null {
  try {
    const token = localStorage.getItem(KEY);
    return token?.startsWith(PREFIX) ? token : null;
  } catch {
    return null;
  }
}

export function saveScreenToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function forgetScreenToken(): void {
  localStorage.removeItem(KEY);
}

/** The token in `#token=…`, saved and removed from the address (and so from history and bookmarks); null when there is none. */
export function screenTokenFromAddress(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  const token = decodeURIComponent(match[1]);
  if (!token.startsWith(PREFIX)) return null;
  saveScreenToken(token);
  return token;
}
