// Learner record (manager view): pick a person by email, or arrive from another view's link.
import { h } from '../ui.js';
import { renderRecord } from './learner-record.js';

export default {
  id: 'learner',
  title: 'Learner record',
  nav: 'Learner record',
  lede: 'One person\'s path: formal training first, then what they did with it.',
  roles: ['admin', 'manager'],
  topicMode: 'optional',

  async render({ params, topics, navigate }) {
    const agent = parseAgent(params.agent);
    const search = h('form', { class: 'panel search', role: 'search', 'aria-label': 'Find a learner', onsubmit: (e) => {
      e.preventDefault();
      const value = new FormData(e.target).get('who').trim();
      if (value) navigate({ ...params, agent: JSON.stringify(value.startsWith('{') ? JSON.parse(value) : { mbox: value.startsWith('mailto:') ? value : `mailto:${value}` }) });
    } },
    h('label', { for: 'who' }, 'Open the record of'),
    h('input', { id: 'who', name: 'who', type: 'search', placeholder: 'email, e.g. ada.adams.120@example.org', value: agent?.mbox?.replace(/^mailto:/, '') ?? '', autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'button' }, 'Open'));
    if (!agent) {
      return [search, h('div', { class: 'empty', role: 'status' },
        h('span', { class: 'empty-icon', 'aria-hidden': 'true' }),
        h('h2', {}, 'Whose record?'),
        h('p', {}, 'Type an email above, or follow a name from Who to ask, Knowledge network or Questions.'))];
    }
    return [search, ...(await renderRecord({ agent, params, topics, own: false }))];
  },
};

function parseAgent(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
