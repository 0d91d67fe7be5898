// The page's router: the query string names the screen, so every screen has a link that survives a reload,
// and back and forward replay it. ?post=ID a post, ?post=ID&edit its editor, ?write a new post, ?account the
// signed-in author's account, otherwise the list (with the API's limit and before for older pages).
import { ApiError } from './api.js';
import { byId } from './text.js';
import { clearFeedback, report, say } from './feedback.js';
import { restoreIdentity, setUpSignIn, showTokenState, signOutTab } from './signin.js';
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

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => render(true));

setUpSignIn(render);
setUpEditor(navigate);
setUpAccount(signOutTab);
restoreIdentity().then(async (failure) => {
  await render(false);
  if (failure) report(failure);
});
