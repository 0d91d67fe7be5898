// Small helpers that only ever put text into the page (never HTML), and format what the API sends.
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function formatTime(iso) {
  return `${TIME.format(new Date(iso))} UTC`;
}

export function showTime(node, iso) {
  node.dateTime = iso;
  node.textContent = formatTime(iso);
}

/** The UTF-8 size, as the server counts it against its limit. */
export function utf8Bytes(text) {
  return new TextEncoder().encode(text).length;
}

export function withRequestId(message, error) {
  return error.requestId ? `${message} (request id ${error.requestId})` : message;
}
