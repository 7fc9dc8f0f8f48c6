// Users (admins): the dashboard's local accounts, their roles, and the xAPI agent a learner account stands for.
import { getJson, sendJson } from '../api.js';
import { h, panel, table, toast } from '../ui.js';

/** The admin users API: a user is addressed by email. */
const usersApi = {
  list: '/api/admin/users',
  one: (email) => `/api/admin/users/${encodeURIComponent(email)}`,
};

const roles = [['admin', 'Administrator'], ['manager', 'L&D manager'], ['learner', 'Learner']];

export default {
  id: 'users',
  title: 'Users',
  lede: 'Who may sign in, and what they may see.',
  roles: ['admin'],
  topicMode: 'none',
  filters: false,

  async render({ goTo }) {
    const { users } = await getJson(usersApi.list);
    const reload = () => goTo('users', {});

    const form = h('form', { class: 'user-form', 'aria-label': 'Add a user', onsubmit: async (e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(e.target));
      const body = { email: data.email, name: data.name, role: data.role, password: data.password };
      if (data.agent) body.agent = { mbox: data.agent.startsWith('mailto:') ? data.agent : `mailto:${data.agent}` };
      try {
        await sendJson('POST', usersApi.list, body);
        toast(`${data.email} added.`);
        reload();
      } catch (error) {
        toast(error.message);
      }
    } },
    field('Email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' })),
    field('Name', h('input', { name: 'name', required: true, autocomplete: 'off' })),
    field('Role', h('select', { name: 'role' }, roles.map(([v, l]) => h('option', { value: v, selected: v === 'learner' }, l)))),
    field('Password', h('input', { name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
    field('Learner email in xAPI (optional)', h('input', { name: 'agent', type: 'text', placeholder: 'same as email if empty', autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'button' }, 'Add user'));

    const changeRole = async (user, role) => {
      try {
        await sendJson('PATCH', usersApi.one(user.email), { role });
        toast(`${user.email} is now ${role}.`);
      } catch (error) {
        toast(error.message);
        reload();
      }
    };
    const remove = async (user) => {
      if (!window.confirm(`Remove ${user.email}? They can no longer sign in.`)) return;
      try {
        await sendJson('DELETE', usersApi.one(user.email));
        toast(`${user.email} removed.`);
        reload();
      } catch (error) {
        toast(error.message);
      }
    };

    return [
      panel({ id: 'add-user', title: 'Add a user', description: 'Managers see every view; learners see their own record and who to ask.', body: form }),
      panel({
        id: 'user-list', title: 'Accounts', description: `${users.length} ${users.length === 1 ? 'account' : 'accounts'}.`,
        body: table({ caption: 'Accounts', captionHidden: true, columns: [
          { label: 'Email', cell: (u) => u.email },
          { label: 'Name', cell: (u) => u.name ?? '' },
          { label: 'Role', cell: (u) => h('select', { 'aria-label': `Role of ${u.email}`, onchange: (e) => changeRole(u, e.target.value) }, roles.map(([v, l]) => h('option', { value: v, selected: v === u.role }, l))) },
          { label: 'Learner identity', cell: (u) => h('span', { class: 'muted' }, u.agent?.mbox?.replace(/^mailto:/, '') ?? u.agent?.account?.name ?? '–') },
          { label: 'Remove', cell: (u) => h('button', { type: 'button', class: 'ghost small danger', onclick: () => remove(u), 'aria-label': `Remove ${u.email}` }, 'Remove') },
        ], rows: users }),
      }),
    ];
  },
};

function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}
