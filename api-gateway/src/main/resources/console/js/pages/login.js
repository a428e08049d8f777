// Sign in with a configured OpenID Connect provider, or by pasting a token; either way the gateway
// keeps the token in an HttpOnly session cookie.
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

/** What the gateway's ?sso_error= codes mean; the page never shows text taken from the URL. */
const SSO_ERRORS = {
  denied: 'The sign-in was cancelled or refused at the identity provider.',
  expired: 'The sign-in took too long or was started in another tab. Please try again.',
  token: 'You were signed in, but the identity provider\'s token is not one this deployment accepts. '
    + 'Ask an administrator to check the provider setup (docs/console.md).',
  unavailable: 'Your token could not be checked right now. Please try again shortly.',
  failed: 'The sign-in did not complete. Please try again.',
};

async function providers() {
  try {
    return (await api('/console/login-options')).providers || [];
  } catch {
    return [];
  }
}

export default async function render(main, ctx) {
  const next = safeNext(ctx.query.get('next'));
  const ssoError = ctx.query.get('sso_error');
  const sso = await providers();
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
    await ctx.navigate(next, {replace: true});
  });

  const ssoLinks = sso.map((provider) => h('a', {class: 'button primary', id: `login-sso-${provider.id}`,
    href: `${provider.url}?next=${encodeURIComponent(next)}`}, `Sign in with ${provider.name}`));
  mount(main,
    h('h1', {id: 'login-title'}, 'Sign in to Switchboard'),
    ssoError ? h('div', {class: 'form-error', role: 'alert', id: 'login-sso-error'},
      h('p', {}, Object.hasOwn(SSO_ERRORS, ssoError) ? SSO_ERRORS[ssoError] : SSO_ERRORS.failed)) : null,
    sso.length ? h('div', {class: 'actions stack'}, ...ssoLinks) : null,
    h('p', {}, sso.length ? 'Or paste a token: the console uses the same tokens as the API.'
      : 'The console uses the same tokens as the API. Your token is kept in a secure session cookie.'),
    form);
  if (sso.length) ssoLinks[0].focus(); else token.focus();
}
