// Where errors are shown: each next to what caused it, always with the request id for support.
import { byId, withRequestId } from './text.js';

export function clearFeedback() {
  const notice = byId('notice');
  notice.hidden = true;
  notice.textContent = '';
  byId('token-error').textContent = '';
}

export function say(message) {
  byId('status').textContent = message;
}

export function showNotice(message) {
  const notice = byId('notice');
  notice.textContent = message;
  notice.hidden = false;
}

/** 401 and 403 belong to the token; everything else without a better place is a notice. */
export function report(error) {
  const detail = error.problem.detail || error.message;
  if (error.status === 401) {
    byId('token-error').textContent = withRequestId(`The token was not accepted: ${detail}`, error);
    const forget = byId('forget-token');
    (forget.offsetParent ? forget : byId('token-input')).focus();
  } else if (error.status === 403) {
    byId('token-error').textContent = withRequestId(`Writing is not allowed: ${detail}`, error);
  } else {
    showNotice(withRequestId(noticeFor(error, detail), error));
  }
}

function noticeFor(error, detail) {
  switch (error.status) {
    case 413: return `Too large to send: ${detail}`;
    case 429: return `Too many requests; wait a moment and try again. ${detail}`;
    case 503: return `The service is busy or unavailable; try again shortly. ${detail}`;
    default: return error.status ? `${error.problem.title || 'Error'} (${error.status}): ${detail}` : detail;
  }
}
