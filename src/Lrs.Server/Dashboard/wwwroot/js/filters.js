// The filter bar every view shares: topic, date range and team. Filters live in the address (#/view?topic=...), so a
// filtered view can be bookmarked, shared and reloaded.
import { h } from './ui.js';

/**
 * The filter parameters every /api/analytics view takes: from and to as RFC 3339 instants, to exclusive (the page's
 * "to" date is inclusive, so the day after it at 00:00 UTC), team as the key /api/analytics/teams gives.
 */
export function filterParams({ from, to, team } = {}) {
  const params = {};
  if (from) params.from = `${from}T00:00:00Z`;
  if (to) {
    const end = new Date(`${to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    params.to = end.toISOString().replace('.000Z', 'Z');
  }
  if (team) params.team = team;
  return params;
}

/** The filter bar; teams is the list from /api/analytics/teams, or null where the user may not list teams (learners). */
export function renderFilters(form, { view, params, topics, teams, onChange }) {
  form.hidden = view.filters === false;
  if (form.hidden) {
    form.replaceChildren();
    return;
  }
  const values = { topic: params.topic ?? '', from: params.from ?? '', to: params.to ?? '', team: params.team ?? '' };
  const apply = () => {
    const data = new FormData(form);
    const next = { ...params };
    for (const k of ['topic', 'from', 'to', 'team']) next[k] = data.get(k) ?? '';
    if (view.topicMode === 'none') delete next.topic;
    onChange(next);
  };

  const sorted = [...topics].sort((a, b) => (a.name ?? a.topic).localeCompare(b.name ?? b.topic));
  const topicField = view.topicMode === 'none'
    ? null
    : field('Topic', 'filter-topic', h('select', { id: 'filter-topic', name: 'topic', disabled: topics.length === 0 },
      view.topicMode === 'optional' || topics.length === 0 ? h('option', { value: '' }, topics.length === 0 ? 'No topics yet' : 'All topics') : null,
      sorted.map((t) => h('option', { value: t.topic, selected: t.topic === values.topic }, t.name ?? t.topic))));

  const noTeams = teams !== null && teams.length === 0;
  const teamField = teams === null ? null : field('Team', 'filter-team', h('select', {
    id: 'filter-team', name: 'team', disabled: noTeams,
    title: noTeams ? 'No statement names a team yet: teams come from context.team (or, in xAPI 2.0, context.contextGroups)' : null,
  },
  h('option', { value: '' }, noTeams ? 'No teams' : 'All teams'),
  teams.map((t) => h('option', { value: t.team, selected: t.team === values.team }, `${t.name ?? t.team} (${t.members})`))));

  form.replaceChildren(...[
    topicField,
    field('From', 'filter-from', h('input', { type: 'date', id: 'filter-from', name: 'from', value: values.from, max: values.to || null })),
    field('To', 'filter-to', h('input', { type: 'date', id: 'filter-to', name: 'to', value: values.to, min: values.from || null })),
    teamField,
    values.from || values.to || values.team
      ? h('button', { type: 'button', class: 'ghost small reset', onclick: () => onChange({ ...params, from: '', to: '', team: '' }) }, teams === null ? 'Clear dates' : 'Clear dates and team')
      : null].filter(Boolean));
  form.onchange = apply;
  form.onsubmit = (e) => {
    e.preventDefault();
    apply();
  };
}

function field(label, id, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
