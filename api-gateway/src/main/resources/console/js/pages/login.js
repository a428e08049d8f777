// Sign in by pasting a token; the gateway turns it into an HttpOnly session cookie.
import {api} from '../api.js';
import {resetSession} from '../app.js';
import {h, mount} from '../dom.js';
import {onSubmit} from '../ui.js';

/** Only same-origin paths: an open redirect through ?next= would be a phishing aid. */
function safeNext(next) {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/runs';
  const url = new URL(next, location.origin);
  if (url.origin !== location.origin || url.pathname === '/login') return '/runs';
  return url.pathname + url.search + url.hash;
}

export default async function render(main, ctx) {
  const token = h('textarea', {id: 'login-token', name: 'token', rows: 5, required: true, spellcheck: 'false',
    autocomplete: 'off', 'aria-describedby': 'login-token-hint'});
  const form = h('form', {class: 'stack card', novalidate: true, 'aria-labelledby': 'login-title'},
    h('div', {class: 'field'},
      h('label', {for: 'login-token'}, 'Token'),
      token,
      h('p', {class: 'hint', id: 'login-token-hint'}, 'Paste a token from ',
        h('code', {}, './switchboard token --sub you --role admin'), '.')),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Sign in')));

  onSubmit(form, async () => {
    await api('/console/session', {method: 'POST', body: {token: token.value.trim()}});
    // The token now lives only in the HttpOnly cookie; drop it from the page.
    token.value = '';
    resetSession();
    await ctx.navigate(safeNext(ctx.query.get('next')), {replace: true});
  });

  mount(main,
    h('h1', {id: 'login-title'}, 'Sign in to Switchboard'),
    h('p', {}, 'The console uses the same tokens as the API. Your token is kept in a secure session cookie.'),
    form);
  token.focus();
}
