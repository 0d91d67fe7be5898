// Who is signed in: GET /me's answer for the tab's token, asked when signing in and once per page load.
// It decides which posts the page offers to change; the service decides again on every write.
import { getMe } from './api.js';
import { currentToken, forgetToken, markAccepted, rememberToken } from './token.js';

let me = null; // { role, author, token } once the service has confirmed the token in this page

/** Checks a token with the service first: only a token it accepts is kept. */
export async function signIn(token) {
  const answer = await getMe(token);
  rememberToken(token);
  markAccepted();
  me = answer;
  return me;
}

/** Asks the service again who the tab's token belongs to; throws its ApiError and then knows nobody. */
export async function refreshIdentity() {
  me = null;
  if (!currentToken()) return null;
  me = await getMe(currentToken());
  markAccepted();
  return me;
}

export function signOut() {
  forgetToken();
  me = null;
}

export function identity() {
  return me;
}

/** The service token is an admin without an author; an author token belongs to one author. */
export function isServiceToken() {
  return Boolean(me) && me.author === null;
}

export function displayName() {
  if (!me) return '';
  return me.author ? me.author.display_name : 'the service token';
}

/** As the service compares addresses: Unicode NFC, then lower case. */
export function sameEmail(a, b) {
  return typeof a === 'string' && typeof b === 'string'
    && a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}

/** An admin may change every post, an author their own. */
export function mayChange(post) {
  if (!me) return false;
  if (me.role === 'admin') return true;
  return Boolean(me.author) && sameEmail(post.author_email, me.author.email);
}
