// Where errors are shown: each next to what caused it, always with the request id for support.
// A 401 belongs to the token, in the header. For a token this tab has seen accepted, it most likely reached a
// server still on the previous release (during a rolling deploy, or after a rollback), so it offers to try again.
import { byId, formatTime, withRequestId } from './text.js';
import { identity } from './session.js';
import { wasAccepted } from './token.js';

let retry = null; // what "Try again" repeats after a 401

export function clearFeedback() {
  const notice = byId('notice');
  notice.hidden = true;
  notice.textContent = '';
  byId('token-error').textContent = '';
  retry = null;
}

export function say(message) {
  byId('status').textContent = message;
}

export function showNotice(message) {
  const notice = byId('notice');
  notice.textContent = message;
  notice.hidden = false;
}

/** The repeat that the last 401 offered, once. */
export function takeRetry() {
  const again = retry;
  retry = null;
  return again;
}

/** `again` repeats the failed request, when "Try again" is pressed after a 401. */
export function report(error, again = null) {
  const detail = error.problem.detail || error.message;
  if (error.status === 401) {
    reportRefusedToken(error, detail, again);
  } else if (error.status === 403) {
    showNotice(withRequestId(`${forbidden(error)} (${detail})`, error));
  } else {
    showNotice(withRequestId(noticeFor(error, detail), error));
  }
}

function reportRefusedToken(error, detail, again) {
  const retryButton = byId('token-retry');
  if (wasAccepted()) {
    retry = again;
    retryButton.hidden = false;
    byId('token-error').textContent = withRequestId(unknownTokenMessage(), error);
    retryButton.focus();
    return;
  }
  byId('token-error').textContent = withRequestId(`The token was not accepted: ${detail}`, error);
  const signOut = byId('sign-out');
  (signOut.offsetParent ? signOut : byId('token-input')).focus();
}

function unknownTokenMessage() {
  const expires = identity()?.token?.expires_time;
  if (expires && Date.parse(expires) <= Date.now()) {
    return `Your token expired on ${formatTime(expires)}. Sign out, then sign in with another token.`;
  }
  return 'This server does not know your token yet: the service is being updated, and some of its servers still '
    + 'run the previous release. Try again in a moment; if it keeps failing, your token may have been revoked.';
}

/** A 403 in a writer's words: the token is valid, but not for this. */
export function forbidden(error) {
  const me = identity();
  if (error.problem.errors?.author_email) {
    return me?.author
      ? `You can publish only under your own address, ${me.author.email}.`
      : 'Your token may not publish under this address.';
  }
  return me?.author
    ? 'Your token may not do this: an author may change only their own posts and tokens; an admin may change any.'
    : 'Your token may not do this.';
}

function noticeFor(error, detail) {
  switch (error.status) {
    case 413: return `Too large to send: ${detail}`;
    case 429: return `Too many requests; wait a moment and try again. ${detail}`;
    case 503: return `The service is busy or unavailable; try again shortly. ${detail}`;
    default: return error.status ? `${error.problem.title || 'Error'} (${error.status}): ${detail}` : detail;
  }
}
