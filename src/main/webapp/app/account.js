// The account screen: who the token belongs to, and that author's tokens, to list and revoke (new-token.js
// creates them). The service token belongs to no author, so it has no account here.
import { listTokens, revokeToken, ApiError } from './api.js';
import { identity, refreshIdentity } from './session.js';
import { currentToken } from './token.js';
import { byId, el, formatTime, showTime } from './text.js';
import { report, say } from './feedback.js';
import { resetNewToken, setUpNewToken } from './new-token.js';

let revoking = null; // the token whose revocation awaits confirmation
let signOutTab = () => {};

/** `signOut(message)` signs this tab out, after its own token is revoked. */
export function setUpAccount(signOut) {
  signOutTab = signOut;
  setUpNewToken(reloadTokens);
  byId('revoke-yes').addEventListener('click', () => revoke(revoking));
  byId('revoke-no').addEventListener('click', () => {
    const label = revoking.label;
    closeConfirm();
    say(`Token “${label}” kept.`);
    byId('tokens-heading').focus();
  });
}

export async function showAccount(show) {
  resetNewToken();
  closeConfirm();
  const me = identity() && await refreshIdentity();
  const none = byId('account-none');
  byId('account-details').hidden = !me?.author;
  none.hidden = Boolean(me?.author);
  if (!me && currentToken()) {
    none.textContent = 'The service has not confirmed your token yet: press “Try again” at the top of the page.';
  } else if (!me) {
    none.textContent = 'Sign in with your author token (at the top of the page) to see your account and your tokens.';
  } else if (!me.author) {
    none.textContent = 'You are signed in with the service token (admin). It belongs to no author, so it has no '
      + 'account screen: there are no tokens of its own to list or create here. Sign in with an author token to '
      + 'manage that author\'s tokens.';
  } else {
    byId('account-name').textContent = me.author.display_name;
    byId('account-email').textContent = me.author.email;
    byId('account-role').textContent = me.role === 'admin' ? 'Admin: may change every post' : 'Author: may change your own posts';
    await loadTokens();
  }
  show('account-view');
}

async function loadTokens() {
  const me = identity();
  const { items } = await listTokens(me.author.id);
  byId('tokens').replaceChildren(...items.map((token) => tokenItem(token, me.token?.id)));
  byId('no-tokens').hidden = items.length > 0;
}

function tokenItem(token, current) {
  const item = el('li', undefined, 'token-item');
  const heading = el('h3', token.label);
  if (token.id === current) heading.append(' ', el('span', '(the one you are signed in with)', 'tag'));
  const facts = el('dl', undefined, 'facts');
  fact(facts, 'Created', timeOr(token.created_time, ''));
  fact(facts, 'Expires', timeOr(token.expires_time, 'Never'));
  fact(facts, 'Last used', timeOr(token.last_used_time, 'Not yet'));
  fact(facts, 'Status', status(token));
  item.append(heading, facts);
  if (!token.revoked_time) {
    const button = el('button', 'Revoke', 'danger');
    button.type = 'button';
    button.append(el('span', ` “${token.label}”`, 'visually-hidden'));
    button.addEventListener('click', () => askToRevoke(token, current));
    item.append(button);
  }
  return item;
}

function fact(list, name, value) {
  const dd = el('dd');
  dd.append(value);
  list.append(el('dt', name), dd);
}

function timeOr(iso, otherwise) {
  if (!iso) return otherwise;
  const time = el('time');
  showTime(time, iso);
  return time;
}

function status(token) {
  if (token.revoked_time) return `Revoked on ${formatTime(token.revoked_time)}`;
  if (token.expires_time && Date.parse(token.expires_time) <= Date.now()) return 'Expired';
  return 'Active';
}

function askToRevoke(token, current) {
  revoking = { ...token, current };
  const signsOut = token.id === current ? ' It is the token you are signed in with: this tab will be signed out.' : '';
  byId('revoke-question').textContent = `Revoke the token “${token.label}”? Whatever uses it can no longer write. `
    + `This cannot be undone.${signsOut}`;
  byId('revoke-confirm').hidden = false;
  byId('revoke-question').focus();
}

function closeConfirm() {
  byId('revoke-confirm').hidden = true;
  revoking = null;
}

/** Already confirmed: "Try again" after a 401 repeats it without asking again. */
async function revoke(token) {
  closeConfirm();
  try {
    await revokeToken(identity().author.id, token.id);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    report(error, () => revoke(token));
    return;
  }
  if (token.id === token.current) {
    await signOutTab(`Token “${token.label}” revoked. It was the one this tab used, so you are signed out.`);
    return;
  }
  say(`Token “${token.label}” revoked.`);
  byId('tokens-heading').focus();
  await reloadTokens();
}

/** After a change: a failure to list is reported, it does not undo what was done. */
async function reloadTokens() {
  try {
    await loadTokens();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    report(error, reloadTokens);
  }
}
