// The API token lives in this tab's sessionStorage only: never in a URL, a cookie or a log.
const KEY = 'posts-api-token';

export function currentToken() {
  return sessionStorage.getItem(KEY) || '';
}

export function rememberToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}
