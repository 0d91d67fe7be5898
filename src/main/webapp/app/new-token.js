// Creating a token on the account screen. Its secret is shown once, here only: never stored, and gone on
// "Done", on leaving the screen or on a reload. Copy uses the clipboard where the browser allows it.
import { createToken, ApiError } from './api.js';
import { identity } from './session.js';
import { byId, withRequestId } from './text.js';
import { forbidden, report } from './feedback.js';

const FIELDS = { label: 'token-label', expires_in_seconds: 'token-expiry' };
let created = async () => {};

/** `afterCreate()` runs once a new token's secret is shown (the list of tokens then shows it too). */
export function setUpNewToken(afterCreate) {
  created = afterCreate;
  byId('create-token').addEventListener('submit', (event) => {
    event.preventDefault();
    create();
  });
  byId('copy-token').addEventListener('click', copy);
  byId('created-done').addEventListener('click', () => {
    hideSecret();
    byId('tokens-heading').focus();
  });
}

/** An empty form, and no secret on the screen. */
export function resetNewToken() {
  hideSecret();
  clearErrors();
  byId('create-token').reset();
}

async function create() {
  clearErrors();
  const label = byId('token-label').value.trim();
  if (!label) {
    fieldError('label', 'Give the token a label, so that you know later which one to revoke.');
    byId('token-label').focus();
    return;
  }
  const fields = { label };
  const expiry = byId('token-expiry').value;
  if (expiry) fields.expires_in_seconds = Number(expiry);
  const button = byId('create-token-button');
  button.disabled = true;
  let token;
  try {
    token = await createToken(identity().author.id, fields);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    createFailed(error);
    return;
  } finally {
    button.disabled = false;
  }
  byId('create-token').reset();
  showSecret(token);
  await created();
}

function createFailed(error) {
  if (error.status === 400 && error.problem.errors) {
    let first = null;
    for (const [name, message] of Object.entries(error.problem.errors)) {
      if (FIELDS[name]) {
        fieldError(name, withRequestId(`This ${name === 'label' ? 'label' : 'expiry'} ${message}.`, error));
        first = first || byId(FIELDS[name]);
      } else {
        byId('create-token-error').textContent = withRequestId(`${name} ${message}`, error);
      }
    }
    (first || byId('create-token-button')).focus();
  } else if (error.status === 403) {
    byId('create-token-error').textContent = withRequestId(forbidden(error), error);
  } else {
    report(error, create);
  }
}

function clearErrors() {
  for (const id of Object.values(FIELDS)) {
    byId(`${id}-error`).textContent = '';
    byId(id).removeAttribute('aria-invalid');
  }
  byId('create-token-error').textContent = '';
}

function fieldError(name, message) {
  byId(`${FIELDS[name]}-error`).textContent = message;
  byId(FIELDS[name]).setAttribute('aria-invalid', 'true');
}

function showSecret(token) {
  byId('created-heading').textContent = `Your new token “${token.label}”`;
  byId('created-value').value = token.token;
  byId('copy-status').textContent = '';
  byId('created-token').hidden = false;
  byId('created-heading').focus();
}

function hideSecret() {
  byId('created-value').value = '';
  byId('created-token').hidden = true;
}

/** The clipboard needs a secure context (HTTPS or this machine); elsewhere the token is selected for Ctrl+C. */
async function copy() {
  const field = byId('created-value');
  const said = byId('copy-status');
  try {
    if (!navigator.clipboard) throw new Error('no clipboard here');
    await navigator.clipboard.writeText(field.value);
    said.textContent = 'Copied. Paste it where you will use it; it is not shown again.';
  } catch {
    field.focus();
    field.select();
    said.textContent = 'The browser did not let the page copy it: the token is selected, press Ctrl+C (⌘C on a Mac).';
  }
}
