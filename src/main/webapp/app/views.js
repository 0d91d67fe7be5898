// The list of posts and a post's own page. Every post's text goes into the page as text, never as HTML.
// Edit and delete are offered on the posts that the signed-in token may change.
import { listPosts, getPost, deletePost, ApiError } from './api.js';
import { identity, mayChange } from './session.js';
import { byId, el, showTime } from './text.js';
import { report, showNotice } from './feedback.js';

const PAGE_SIZE = '10';
const EXCERPT = 400;

export async function showList(query, show) {
  if (!query.has('limit')) query.set('limit', PAGE_SIZE);
  const page = await listPosts(query);
  const list = byId('posts');
  list.replaceChildren(...page.items.map(listItem));
  byId('empty').hidden = page.items.length > 0;
  byId('write-link').hidden = !identity();
  byId('newer').hidden = !query.has('before');
  const older = byId('older');
  older.hidden = !page.next;
  if (page.next) {
    // Follow the API's next link: its limit and before become this page's query.
    older.href = `?${new URL(page.next, location.origin).searchParams}`;
  }
  show('list-view');
}

function listItem(post) {
  const text = post.content.length > EXCERPT ? `${post.content.slice(0, EXCERPT)}…` : post.content;
  const time = el('time');
  showTime(time, post.created_time);
  const link = el('a', `Open post ${post.id}`);
  link.href = `?post=${post.id}`;
  link.dataset.nav = '';
  const meta = el('p', `by ${post.author_email}, `, 'meta');
  meta.append(time, ' · ', link);
  const article = el('article', undefined, 'post');
  article.append(el('p', text, 'content'), meta);
  const item = el('li');
  item.append(article);
  return item;
}

export async function showPost(id, show, navigate) {
  let loaded;
  try {
    loaded = await getPost(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      showMissing(`There is no post with id ${id}.`, show);
      return;
    }
    throw error;
  }
  const { post, etag } = loaded;
  byId('post-heading').textContent = `Post ${post.id}`;
  byId('post-content').textContent = post.content;
  byId('post-author').textContent = post.author_email;
  showTime(byId('post-time'), post.created_time);
  byId('post-actions').hidden = !mayChange(post);
  byId('delete-confirm').hidden = true;
  byId('edit-link').href = `?post=${post.id}&edit`;
  byId('delete-button').onclick = () => {
    byId('delete-confirm').hidden = false;
    byId('delete-question').focus();
  };
  byId('delete-no').onclick = () => {
    byId('delete-confirm').hidden = true;
    byId('delete-button').focus();
  };
  byId('delete-yes').onclick = () => remove(post.id, etag, navigate);
  show('post-view');
}

async function remove(id, etag, navigate) {
  try {
    await deletePost(id, etag);
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      await navigate(`?post=${id}`, { replace: true });
      showNotice(`Post ${id} was changed since you opened it, so it was not deleted. `
        + 'This is the current version; delete it again if you still want to.');
      return;
    }
    byId('delete-confirm').hidden = true;
    report(error, () => remove(id, etag, navigate));
    return;
  }
  await navigate('./', { flash: `Post ${id} deleted.` });
}

export function showMissing(message, show, heading = 'Not found') {
  byId('missing-heading').textContent = heading;
  byId('missing-message').textContent = message;
  show('missing-view');
}
