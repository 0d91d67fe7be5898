// The service's API, relative to this page (so the page works under any context path).
// Failures are thrown as ApiError, carrying the problem+json body and the request id.
// The token goes with every write and with the reads that need it (/me, /authors); post reads are public.
import { currentToken } from './token.js';

const API = new URL('../posts', document.baseURI);

export class ApiError extends Error {
  constructor(status, problem, requestId) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.requestId = problem.request_id || requestId || '';
  }
}

async function call(url, { method = 'GET', body, etag, idempotencyKey, signed = method !== 'GET', token } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = token || (signed ? currentToken() : '');
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  if (idempotencyKey) headers['Idempotency-Key'] = `"${idempotencyKey}"`;
  let response;
  try {
    response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { title: 'No answer', detail: 'The service did not answer. Check your connection and try again.' });
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText || `HTTP ${response.status}` };
    }
    throw new ApiError(response.status, problem, response.headers.get('X-Request-Id'));
  }
  return response;
}

function here(path) {
  return new URL(`../${path}`, document.baseURI);
}

function postUrl(id) {
  return here(`posts/${encodeURIComponent(id)}`);
}

/** One page, newest first; `query` holds the list's limit and before, as the API's `next` names them. */
export async function listPosts(query) {
  const url = new URL(API);
  for (const name of ['limit', 'before']) {
    if (query.has(name)) url.searchParams.set(name, query.get(name));
  }
  return (await call(url)).json();
}

/** The post and its ETag, which later edits send back as If-Match. */
export async function getPost(id) {
  const response = await call(postUrl(id));
  return { post: await response.json(), etag: response.headers.get('ETag') };
}

/**
 * A key for one new post: sent again with the same post, it makes the service answer the first result instead
 * of publishing twice. 128 random bits; crypto.randomUUID is missing where the page is served over plain HTTP.
 */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function createPost(fields, idempotencyKey) {
  const response = await call(API, { method: 'POST', body: fields, idempotencyKey });
  return { post: await response.json(), etag: response.headers.get('ETag') };
}

export async function replacePost(id, fields, etag) {
  const response = await call(postUrl(id), { method: 'PUT', body: fields, etag });
  return { post: await response.json(), etag: response.headers.get('ETag') };
}

export async function deletePost(id, etag) {
  await call(postUrl(id), { method: 'DELETE', etag });
}

/** Whom a token belongs to: {role, author, token}; the service token is an admin with neither. */
export async function getMe(token) {
  return (await call(here('me'), { token, signed: true })).json();
}

function tokensUrl(authorId, tokenId) {
  const path = `authors/${encodeURIComponent(authorId)}/tokens`;
  return here(tokenId === undefined ? path : `${path}/${encodeURIComponent(tokenId)}`);
}

/** An author's tokens, without their secrets. */
export async function listTokens(authorId) {
  return (await call(tokensUrl(authorId), { signed: true })).json();
}

/** A new token; the answer's `token` is its secret, which the service never shows again. */
export async function createToken(authorId, fields) {
  return (await call(tokensUrl(authorId), { method: 'POST', body: fields })).json();
}

export async function revokeToken(authorId, tokenId) {
  await call(tokensUrl(authorId, tokenId), { method: 'DELETE' });
}
