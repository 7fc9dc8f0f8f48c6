// The dashboard's shell: who is signed in, the navigation their role allows, the filter bar, and the hash router
// (#/view?topic=...&from=...&to=...&team=...) that renders one view at a time.
import { getJson } from './api.js';
import { currentUser, signOut } from './auth.js';
import { disposeAll } from './charts.js';
import { renderFilters } from './filters.js';
import { h, errorState, forbiddenState } from './ui.js';
import { views } from './views/index.js';
import * as f from './format.js';

// teams: the list from /api/analytics/teams, or null for learners (who may not list teams: no team filter for them).
const state = { user: null, topics: [], teams: null };

function parseRoute() {
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  const id = path.replace(/^\//, '') || '';
  return { id, params: Object.fromEntries(new URLSearchParams(search)) };
}

/** Changes the route's parameters (filters, learner...) and renders again. */
export function navigate(id, params = {}) {
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const search = new URLSearchParams(clean).toString();
  const hash = `#/${id}${search ? `?${search}` : ''}`;
  if (location.hash === hash) render();
  else location.hash = hash;
}

function allowed(view) {
  return view.roles.includes(state.user.role);
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(h('ul', {}, views.filter(allowed).map((v) => h('li', {},
    h('a', { href: `#/${v.id}${carryFilters(v)}`, 'aria-current': v.id === current ? 'page' : null },
      h('span', { class: `nav-icon nav-${v.id}`, 'aria-hidden': 'true' }), v.nav ?? v.title)))));
}

/** Filters travel from view to view, so a manager looking at one topic and month keeps them. */
function carryFilters(view) {
  const { params } = parseRoute();
  const keep = {};
  for (const k of ['topic', 'from', 'to', 'team']) if (params[k]) keep[k] = params[k];
  if (view.topicMode === 'none') delete keep.topic;
  const s = new URLSearchParams(keep).toString();
  return s ? `?${s}` : '';
}

function renderUser() {
  const box = document.getElementById('user');
  const { user } = state;
  box.replaceChildren(...[
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, (user.name ?? user.email ?? '?').slice(0, 1).toUpperCase()),
    h('span', { class: 'user-text' }, h('strong', {}, user.name ?? user.email), h('small', {}, roleName(user.role))),
    h('button', {
      type: 'button', class: 'ghost small', onclick: async () => { await signOut(); location.href = '/sign-in.html'; },
    }, 'Sign out')].filter(Boolean));
}

const roleName = (role) => ({ admin: 'Administrator', manager: 'L&D manager', learner: 'Learner' })[role] ?? role;

/** The topic a view that needs one falls back to: the one most people completed. */
function defaultTopic() {
  return [...state.topics].sort((a, b) => b.completers - a.completers || a.topic.localeCompare(b.topic))[0]?.topic;
}

/** Whether an agent parameter (JSON) names the signed-in user's own agent. */
function isOwnAgent(text) {
  try {
    const key = f.agentKey(JSON.parse(text ?? 'null'));
    return key !== null && JSON.stringify(key) === JSON.stringify(f.agentKey(state.user.agent));
  } catch {
    return false;
  }
}

/** What the shell shows for a view the user's role may not open: why, and what they may open instead. */
function forbiddenView(view) {
  const home = views.find(allowed);
  return {
    id: 'forbidden', title: view.title, lede: '', roles: [state.user.role], topicMode: 'none', filters: false,
    render: async () => [forbiddenState({ role: roleName(state.user.role), view: view.title, home: { href: `#/${home.id}`, label: home.nav ?? home.title } })],
  };
}

async function render() {
  const route = parseRoute();
  const named = views.find((v) => v.id === route.id);
  if (named?.id === 'learner' && !allowed(named) && isOwnAgent(route.params.agent)) {
    navigate('me', { ...route.params, agent: undefined });
    return;
  }
  if (!named) {
    // Home: a learner's own record; everyone else's overview.
    navigate(state.user.role === 'learner' ? 'me' : views.find(allowed).id);
    return;
  }
  const view = allowed(named) ? named : forbiddenView(named);

  disposeAll();
  const main = document.getElementById('main');
  const params = { ...route.params };
  if (view.topicMode === 'required' && !params.topic && state.topics.length > 0) params.topic = defaultTopic();
  if (view.topicMode === 'none') delete params.topic;
  document.title = `${view.title} · Insights`;
  document.getElementById('page-title').textContent = view.title;
  document.getElementById('page-lede').textContent = view.lede;
  renderNav(view.id);
  renderFilters(document.getElementById('filters'), { view, params, topics: state.topics, teams: state.teams, onChange: (p) => navigate(view.id, p) });

  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('div', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading…'));
  const token = (render.token = (render.token ?? 0) + 1);
  try {
    const nodes = await view.render({ params, user: state.user, topics: state.topics, navigate: (p) => navigate(view.id, p), goTo: navigate });
    if (token !== render.token) return; // a newer navigation won
    main.replaceChildren(...nodes.filter(Boolean));
    for (const after of main.querySelectorAll('[data-after-render]')) after.dispatchEvent(new Event('rendered'));
  } catch (error) {
    if (token !== render.token) return;
    if (error.status === 401) {
      location.href = `/sign-in.html?return=${encodeURIComponent(location.hash)}`;
      return;
    }
    main.replaceChildren(errorState(error));
    if (error.status === undefined) console.error(error);
  } finally {
    if (token === render.token) {
      main.setAttribute('aria-busy', 'false');
      document.body.dataset.view = view.id;
      document.body.dataset.rendered = String(token);
    }
  }
}

function setUpProjector() {
  const button = document.getElementById('projector-toggle');
  const apply = (on) => {
    document.documentElement.classList.toggle('projector', on);
    button.setAttribute('aria-pressed', String(on));
  };
  apply(localStorage.getItem('insights.projector') === '1');
  button.addEventListener('click', () => {
    const on = !document.documentElement.classList.contains('projector');
    localStorage.setItem('insights.projector', on ? '1' : '0');
    apply(on);
    render();
  });
}

async function boot() {
  state.user = await currentUser();
  if (!state.user) {
    location.href = `/sign-in.html?return=${encodeURIComponent(location.hash)}`;
    return;
  }
  renderUser();
  setUpProjector();
  if (state.user.role !== 'learner') {
    const [topics, teams] = await Promise.all([getJson('/api/analytics/topics'), getJson('/api/analytics/teams')]);
    state.topics = topics.topics;
    state.teams = teams.teams;
  } else if (state.user.agent) {
    // A learner picks among the topics of their own record (the topic list is for managers).
    // 404: nothing recorded for them yet (their record says so).
    const mine = await getJson('/api/analytics/learner', { agent: JSON.stringify(state.user.agent) })
      .catch((error) => { if (error.status === 404) return { topics: [] }; throw error; });
    state.topics = mine.topics.map((t) => ({ topic: t.topic, name: t.name, completers: t.completedAt ? 1 : 0 }));
  }
  window.addEventListener('hashchange', render);
  await render();
}

boot().catch((error) => {
  document.getElementById('main').replaceChildren(errorState(error));
  console.error(error);
});
