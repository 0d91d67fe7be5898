// Signing in and out, in the page's header. A token is kept only once GET /me has accepted it; its answer says
// whom the header names. "Try again" follows a 401 for a token this tab saw accepted (see feedback.js).
import { ApiError } from './api.js';
import { currentToken, forgetToken, wasAccepted } from './token.js';
import { displayName, identity, isServiceToken, refreshIdentity, signIn, signOut } from './session.js';
import { byId, withRequestId } from './text.js';
import { report, say, takeRetry } from './feedback.js';

let render = async () => {};

/** Signed out, signed in (as whom), or holding a token that the service has not confirmed in this page. */
export function showTokenState() {
  const token = currentToken();
  const me = identity();
  byId('token-form').hidden = Boolean(token);
  byId('token-set').hidden = !token;
  byId('token-retry').hidden = !token || Boolean(me);
  byId('account-link').hidden = !me;
  let who = 'A token is set for this tab, but the service has not confirmed it yet.';
  if (me && isServiceToken()) who = 'Signed in with the service token (admin)';
  else if (me) who = `Signed in as ${displayName()}${me.role === 'admin' ? ' (admin)' : ''}`;
  byId('signed-in-as').textContent = who;
}

async function signInWith(token) {
  const input = byId('token-input');
  const error = byId('token-error');
  const button = byId('sign-in');
  button.disabled = true;
  try {
    await signIn(token);
  } catch (failure) {
    if (!(failure instanceof ApiError)) throw failure;
    error.textContent = signInFailure(failure);
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  } finally {
    button.disabled = false;
  }
  input.value = '';
  input.removeAttribute('aria-invalid');
  await render(false);
  say(isServiceToken() ? 'Signed in with the service token.' : `Signed in as ${displayName()}.`);
  byId('sign-out').focus();
}

function signInFailure(failure) {
  const detail = failure.problem.detail || failure.message;
  const withId = (message) => withRequestId(message, failure);
  switch (failure.status) {
    case 401: return withId(`The token was not accepted: ${detail}`);
    // A server of the previous release has no /me: it cannot check a token until it is updated.
    case 404: return withId('This server cannot check tokens yet: the service is being updated. Try again in a moment.');
    case 0: return detail;
    default: return withId(`The token could not be checked (${failure.status}): ${detail}`);
  }
}

export async function signOutTab(message) {
  signOut();
  await render(false);
  say(message);
  byId('token-input').focus();
}

/** After a 401 for a token this tab has seen accepted: ask again who it is, then repeat what failed. */
async function tryAgain() {
  const again = takeRetry();
  byId('token-error').textContent = '';
  try {
    await refreshIdentity();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showTokenState();
    report(error, again);
    return;
  }
  showTokenState();
  say('Your token is accepted again.');
  if (again) await again();
  else await render(false);
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused.closest('[hidden]')) {
    document.querySelector('main > section:not([hidden]) h1')?.focus();
  }
}

/** `render(moveFocus)` shows the current screen again, as signing in or out changes what it offers. */
export function setUpSignIn(renderScreen) {
  render = renderScreen;
  byId('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId('token-input');
    const token = input.value.trim();
    byId('token-error').textContent = '';
    if (!token) {
      byId('token-error').textContent = 'Enter your token first.';
      input.focus();
      return;
    }
    signInWith(token);
  });
  byId('sign-out').addEventListener('click', () => signOutTab('Signed out: this tab has forgotten the token.'));
  byId('token-retry').addEventListener('click', tryAgain);
}

/** The tab's token from before a reload: asked about once; one the service never accepted is forgotten. */
export async function restoreIdentity() {
  if (!currentToken()) return null;
  try {
    await refreshIdentity();
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401 && !wasAccepted()) forgetToken();
    return error;
  }
}
