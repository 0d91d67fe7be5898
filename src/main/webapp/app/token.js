// The token lives in this tab's sessionStorage only: never in a URL, a cookie or a log. Beside it, a mark that
// the service accepted it (GET /me) in this tab: a later 401 then means a server that does not know it yet,
// not a mistyped token.
const KEY = 'posts-api-token';
const ACCEPTED = 'posts-api-token-accepted';

export function currentToken() {
  return sessionStorage.getItem(KEY) || '';
}

export function rememberToken(token) {
  sessionStorage.setItem(KEY, token);
  sessionStorage.removeItem(ACCEPTED);
}

export function markAccepted() {
  sessionStorage.setItem(ACCEPTED, '1');
}

export function wasAccepted() {
  return Boolean(currentToken()) && sessionStorage.getItem(ACCEPTED) === '1';
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ACCEPTED);
}
