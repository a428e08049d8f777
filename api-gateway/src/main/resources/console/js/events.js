// Live nudges from the gateway (GET /console/events, server-sent events).
//
// One EventSource serves every subscriber: a browser allows only a few connections per origin
// over HTTP/1.1, so a page with a list and a detail open must not hold two streams. Events are
// nudges, never the truth: subscribers re-fetch through the API, which applies authorization.
import {api, ApiError, loginUrl} from './api.js';

const EVENTS_URL = '/console/events';
const EVENT_TYPES = ['run', 'step'];
// EventSource retries by itself after a dropped connection, but gives up for good when the
// server answers with an error status (a session that expired, a gateway restarting): then we
// check the session, and open a new one after this pause as long as someone is still listening.
const REOPEN_AFTER_MS = 5000;
// Going from the list to a run and back unsubscribes and subscribes again within moments. The
// stream stays open that long, so it is not torn down and rebuilt on every page (the gateway
// starts reading the run topics afresh for a new stream, and nudges in between would be lost).
const CLOSE_IDLE_AFTER_MS = 10000;

const handlers = new Set();
let source = null;
let reopenTimer = null;
let idleTimer = null;
let wasOpen = false;

/**
 * Calls `handler(type, data)` for each `run` and `step` event, and `handler('reconnect', null)`
 * when the stream comes back after a break (events may have been missed: re-fetch).
 * Returns a function that unsubscribes; the stream closes when nobody listens.
 */
export function subscribe(handler) {
  handlers.add(handler);
  clearTimeout(idleTimer);
  idleTimer = null;
  if (!source && !reopenTimer) {
    open();
  }
  return () => {
    handlers.delete(handler);
    if (handlers.size === 0 && !idleTimer) {
      idleTimer = setTimeout(closeIfIdle, CLOSE_IDLE_AFTER_MS);
    }
  };
}

function closeIfIdle() {
  idleTimer = null;
  if (handlers.size === 0) {
    close();
  }
}

/**
 * Subscribes for the life of a page and calls `refresh()` for the events `wanted(type, data)`
 * accepts, at most once every `intervalMs`, never two at a time: a run with 1,000 items sends
 * 1,000 step events, and each would otherwise cost a full GET of the run.
 * Returns `{request, stop}`: `request()` asks for a refresh under the same limits (used by polling).
 */
export function liveRefresh(ctx, wanted, refresh, intervalMs = 500) {
  const limiter = rateLimited(refresh, intervalMs);
  const unsubscribe = subscribe((type, data) => {
    if (type === 'reconnect' || wanted(type, data)) {
      limiter.request();
    }
  });
  const stop = () => {
    unsubscribe();
    limiter.cancel();
  };
  ctx.onLeave(stop);
  return {request: limiter.request, stop};
}

/**
 * Wraps an async function so that calls made while it is waiting or running collapse into one
 * more run afterwards, started no sooner than `intervalMs` after the previous one started.
 */
export function rateLimited(fn, intervalMs) {
  let lastStart = 0;
  let timer = null;
  let running = false;
  let again = false;
  let cancelled = false;

  async function run() {
    timer = null;
    running = true;
    again = false;
    lastStart = Date.now();
    try {
      await fn();
    } catch (error) {
      // the page shows its own errors; a failed refresh must not stop later ones
      console.error(error);
    } finally {
      running = false;
      if (again && !cancelled) {
        schedule();
      }
    }
  }

  function schedule() {
    if (timer || cancelled) {
      return;
    }
    const wait = Math.max(0, lastStart + intervalMs - Date.now());
    timer = setTimeout(run, wait);
  }

  return {
    request() {
      if (cancelled) {
        return;
      }
      if (running) {
        again = true;
      } else {
        schedule();
      }
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      timer = null;
    },
  };
}

function open() {
  reopenTimer = null;
  source = new EventSource(EVENTS_URL);
  source.addEventListener('open', () => {
    if (wasOpen) {
      dispatch('reconnect', null);
    }
    wasOpen = true;
  });
  source.addEventListener('error', () => {
    if (source && source.readyState === EventSource.CLOSED) {
      source = null;
      if (handlers.size > 0) {
        reopenUnlessSignedOut();
      }
    }
  });
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (event) => dispatchText(type, event.data));
  }
}

/**
 * A stream refused for good is most often a session that ended (expired, or signed out in
 * another tab): then retrying every few seconds would never work, so the person goes to sign in
 * and comes back here. Anything else (a gateway restarting) is retried after the pause.
 */
async function reopenUnlessSignedOut() {
  try {
    await api('/console/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      location.assign(loginUrl());
      return;
    }
  }
  // a page may have subscribed (and opened a stream) meanwhile, or everyone left
  if (!source && !reopenTimer && handlers.size > 0) {
    reopenTimer = setTimeout(open, REOPEN_AFTER_MS);
  }
}

// leaving the console (sign-out reloads to /login, or the tab closes) ends the stream at once
window.addEventListener('pagehide', () => close());

function close() {
  clearTimeout(reopenTimer);
  reopenTimer = null;
  if (source) {
    source.close();
    source = null;
  }
  wasOpen = false;
}

function dispatchText(type, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return; // not ours to guess at: a malformed nudge is dropped, the next fetch shows the truth
  }
  dispatch(type, data);
}

function dispatch(type, data) {
  // a copy: a handler may unsubscribe (leave the page) while we loop
  for (const handler of [...handlers]) {
    try {
      handler(type, data);
    } catch (error) {
      console.error(error);
    }
  }
}
