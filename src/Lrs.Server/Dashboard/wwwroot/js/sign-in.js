// The sign-in page: local accounts by email and password, and single sign-on when the server names an OIDC provider.
import { signIn, authConfig } from './auth.js';
import { startSso, finishSso } from './oidc.js';

const params = new URLSearchParams(location.search);
const back = () => {
  const target = new URLSearchParams(location.search).get('return') ?? '';
  location.href = `/${target.startsWith('#/') ? target : ''}`;
};

const form = document.getElementById('sign-in-form');
const error = document.getElementById('sign-in-error');
const showError = (message) => {
  error.textContent = message;
  error.hidden = false;
};

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = new FormData(form);
  if (!data.get('email') || !data.get('password')) {
    showError('Enter your email and password.');
    return;
  }
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const user = await signIn(data.get('email'), data.get('password'));
    if (user) back();
    else showError('That email and password do not match an account.');
  } catch (failure) {
    showError(failure.message);
  } finally {
    button.disabled = false;
  }
});

(async () => {
  let config;
  try {
    config = await authConfig();
  } catch (failure) {
    showError(`Single sign-on could not be offered: ${failure.message}`);
    return;
  }
  if (!config.oidc) return;
  if (params.has('code')) {
    try {
      await finishSso(config.oidc, params);
      back();
    } catch (failure) {
      showError(failure.message);
    }
    return;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button wide sso';
  button.textContent = 'Sign in with your organisation';
  button.addEventListener('click', () => startSso(config.oidc).catch((failure) => showError(failure.message)));
  const or = document.createElement('p');
  or.className = 'or';
  or.textContent = 'or with a local account';
  document.getElementById('sso').append(button, or);
})();
