// The page's router: the query string names the screen, so every screen has a link that survives a reload,
// and back and forward replay it. ?post=ID a post, ?post=ID&edit its editor, ?write a new post, ?account the
// signed-in author's account, otherwise the list (with the API's limit and before for older pages).
import { ApiError } from './api.js';
import { currentToken, forgetToken, wasAccepted } from './token.js';
import { displayName, identity, isServiceToken, refreshIdentity, signIn, signOut } from './session.js';
import { byId, withRequestId } from './text.js';
import { clearFeedback, report, say, takeRetry } from './feedback.js';
import { showList, showPost } from './views.js';
import { setUpEditor, showEditor } from './editor.js';
import { setUpAccount, showAccount } from './account.js';

const VIEWS = ['list-view', 'post-view', 'editor-view', 'account-view', 'missing-view'];
let renders = 0;

function show(view) {
  for (const id of VIEWS) byId(id).hidden = id !== view;
}

async function render(moveFocus) {
  const mine = ++renders;
  clearFeedback();
  showTokenState();
  const query = new URLSearchParams(location.search);
  const shown = (view) => {
    if (mine !== renders) return; // a later navigation won
    show(view);
    const heading = byId(view).querySelector('h1');
    document.title = `${heading.textContent} – Posts`;
    if (moveFocus) heading.focus();
  };
  try {
    if (query.has('post')) {
      if (query.has('edit')) await showEditor(query.get('post'), shown);
      else await showPost(query.get('post'), shown, navigate);
    } else if (query.has('write')) {
      await showEditor(null, shown);
    } else if (query.has('account')) {
      await showAccount(shown);
    } else {
      await showList(query, shown);
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showTokenState();
    report(error);
  }
}

/** Shows another screen as a new history entry; a flash message is said once it is shown. */
async function navigate(href, { flash = '', replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  say('');
  await render(true);
  say(flash);
}

/** Signed out, signed in (as whom), or holding a token that the service has not confirmed in this page. */
function showTokenState() {
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

async function signOutTab(message) {
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

function setUpToken() {
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
async function restoreIdentity() {
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

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => render(true));

setUpToken();
setUpEditor(navigate);
setUpAccount(signOutTab);
restoreIdentity().then(async (failure) => {
  await render(false);
  if (failure) report(failure);
});
