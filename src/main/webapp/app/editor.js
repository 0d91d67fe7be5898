// Writing a new post and editing one. Edits send If-Match; a 412 keeps the typed text and offers the
// current version. A new post is sent with an Idempotency-Key, kept until the post is confirmed, so that
// publishing again after an error (its answer may have been lost) never publishes it twice.
// Field errors from the server are shown under their fields. An author writes under their own address, which
// a new post starts with; a post they may not change gets no editor.
import { getPost, createPost, replacePost, newIdempotencyKey, ApiError } from './api.js';
import { byId, utf8Bytes, withRequestId } from './text.js';
import { forbidden, report } from './feedback.js';
import { identity, mayChange } from './session.js';
import { showMissing } from './views.js';

const MAX_BYTES = 65535;
const FIELDS = { content: 'content', author_email: 'author-email' };
const NUMBER = new Intl.NumberFormat('en');

let editing = null; // { id, etag } while editing, null while writing a new post
let unconfirmed = null; // { key, fields } of a new post sent without a confirmed answer
let navigateTo = () => {};

export function setUpEditor(navigate) {
  navigateTo = navigate;
  byId('content').addEventListener('input', countBytes);
  byId('editor').addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  byId('load-current').addEventListener('click', loadCurrent);
}

export async function showEditor(id, show) {
  clearErrors();
  byId('stale').hidden = true;
  byId('current-version').hidden = true;
  if (id === null) {
    editing = null;
    byId('editor-heading').textContent = 'Write a post';
    byId('save').textContent = 'Publish';
    byId('cancel').href = './';
    byId('content').value = '';
    byId('author-email').value = identity()?.author?.email || '';
  } else {
    const { post, etag } = await getPost(id);
    if (!mayChange(post)) {
      const why = identity()
        ? `Post ${post.id} is by ${post.author_email}: you can edit only your own posts.`
        : 'Sign in (at the top of the page) to edit posts.';
      showMissing(why, show, 'Not yours to edit');
      return;
    }
    editing = { id: post.id, etag };
    byId('editor-heading').textContent = `Edit post ${post.id}`;
    byId('save').textContent = 'Save';
    byId('cancel').href = `?post=${post.id}`;
    byId('content').value = post.content;
    byId('author-email').value = post.author_email;
  }
  countBytes();
  show('editor-view');
}

function countBytes() {
  const bytes = utf8Bytes(byId('content').value);
  const counter = byId('content-bytes');
  const over = bytes - MAX_BYTES;
  counter.textContent = over > 0
    ? `${NUMBER.format(bytes)} of ${NUMBER.format(MAX_BYTES)} bytes: ${NUMBER.format(over)} too many`
    : `${NUMBER.format(bytes)} of ${NUMBER.format(MAX_BYTES)} bytes`;
  counter.classList.toggle('over', over > 0);
}

function clearErrors() {
  for (const id of Object.values(FIELDS)) {
    byId(`${id}-error`).textContent = '';
    byId(id).removeAttribute('aria-invalid');
  }
  byId('form-error').textContent = '';
}

async function save() {
  clearErrors();
  const fields = { content: byId('content').value, author_email: byId('author-email').value };
  const button = byId('save');
  const creating = !editing;
  button.disabled = true;
  try {
    const { post } = creating
      ? await createPost(fields, keyFor(fields))
      : await replacePost(editing.id, fields, editing.etag);
    if (creating) unconfirmed = null;
    await navigateTo(`?post=${post.id}`, { flash: creating ? `Post ${post.id} published.` : `Post ${post.id} saved.` });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 412) {
      byId('stale').hidden = false;
      byId('stale-message').focus();
    } else if (error.status === 400 && error.problem.errors) {
      showFieldErrors(error);
    } else if (error.status === 403) {
      showForbidden(error);
    } else if (error.status === 409 && creating) {
      const message = 'This post is still being published. Publish again in a moment to see it.';
      byId('form-error').textContent = withRequestId(message, error);
    } else {
      report(error, save);
    }
  } finally {
    button.disabled = false;
  }
}

/** The same post keeps its key until it is confirmed; changed text is another post, with a key of its own. */
function keyFor(fields) {
  const same = unconfirmed && unconfirmed.fields.content === fields.content
    && unconfirmed.fields.author_email === fields.author_email;
  if (!same) unconfirmed = { key: newIdempotencyKey(), fields };
  return unconfirmed.key;
}

function showFieldErrors(error) {
  let first = null;
  const others = [];
  for (const [name, message] of Object.entries(error.problem.errors)) {
    const id = FIELDS[name];
    if (!id) {
      others.push(`${name} ${message}`);
      continue;
    }
    byId(`${id}-error`).textContent = withRequestId(`This ${name === 'content' ? 'text' : 'address'} ${message}.`, error);
    byId(id).setAttribute('aria-invalid', 'true');
    first = first || byId(id);
  }
  if (others.length) byId('form-error').textContent = withRequestId(others.join('; '), error);
  (first || byId('save')).focus();
}

/** The token is valid, but not for this post or this address: said where it applies. */
function showForbidden(error) {
  const message = withRequestId(forbidden(error), error);
  if (error.problem.errors?.author_email) {
    byId('author-email-error').textContent = message;
    byId('author-email').setAttribute('aria-invalid', 'true');
    byId('author-email').focus();
  } else {
    byId('form-error').textContent = message;
    byId('save').focus();
  }
}

/** The post as it is now: its ETag replaces ours, the typed text stays as it is. */
async function loadCurrent() {
  try {
    const { post, etag } = await getPost(editing.id);
    editing.etag = etag;
    byId('current-content').textContent = post.content;
    byId('current-version').hidden = false;
    byId('content').focus();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      byId('form-error').textContent = withRequestId('The post has been deleted meanwhile.', error);
      return;
    }
    report(error);
  }
}
