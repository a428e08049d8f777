// Thin fetch wrapper for the public API and the console session endpoints.
// Every page goes through api() so CSRF, problem+json parsing and the login redirect live in one place.

/** A non-2xx answer. `problem` is the RFC 9457 body (or a stand-in), `errors` its field list. */
export class ApiError extends Error {
  status;
  problem;
  errors;

  constructor(status, problem) {
    const body = problem && typeof problem === 'object' ? problem : {};
    super(body.detail || body.title || `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = body;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

/** The XSRF-TOKEN cookie the gateway sets; it must be echoed in X-XSRF-TOKEN on every non-GET call. */
export function csrfToken() {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'XSRF-TOKEN') return decodeURIComponent(rest.join('='));
  }
  return '';
}

function buildUrl(path, query) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    // Empty filters are left out so the server applies its defaults.
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

function buildInit(method, {body, headers, rawBody, contentType}) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: {Accept: 'application/json, application/problem+json', ...headers},
  };
  if (rawBody !== undefined) {
    init.body = rawBody;
    init.headers['Content-Type'] = contentType || 'text/plain';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD') init.headers['X-XSRF-TOKEN'] = csrfToken();
  return init;
}

function parseBody(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function loginUrl() {
  return '/login?next=' + encodeURIComponent(location.pathname + location.search);
}

/**
 * Calls `path` (e.g. '/api/v1/tools') and returns the parsed JSON (null on 204).
 * Throws ApiError on a non-2xx answer or a network failure (status 0).
 */
export async function api(path, {method = 'GET', body, query, headers, rawBody, contentType} = {}) {
  const url = buildUrl(path, query);
  let response;
  try {
    response = await fetch(url, buildInit(method.toUpperCase(), {body, headers, rawBody, contentType}));
  } catch (error) {
    throw new ApiError(0, {title: 'Network error', detail: `Could not reach the server (${error.message}).`});
  }
  const data = parseBody(await response.text());
  if (response.ok) return data;
  // An expired session on an API call: send the person to log in and come back here.
  if (response.status === 401 && url.pathname.startsWith('/api/')) location.assign(loginUrl());
  const problem = data && typeof data === 'object'
    ? data
    : {title: response.statusText || 'Error', detail: typeof data === 'string' && data.length < 500 ? data : undefined};
  throw new ApiError(response.status, problem);
}
