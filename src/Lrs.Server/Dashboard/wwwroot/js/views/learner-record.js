// One person's record, formal then social: their topics, their weekly activity by class and their latest
// statements. Managers open anyone's; a learner opens only their own (the server answers 403 otherwise).
import { draw } from '../charts.js';
import { fileName, download } from '../csv.js';
import { request, ApiError } from '../api.js';
import { h, kpi, panel, table, chartBox, emptyState, figure, iconDownload, toast } from '../ui.js';
import * as f from '../format.js';
import { analytics, topicName, weeklyOption, weeklyCsvColumns, weeklyTable } from './common.js';

const RECENT = 50;

/**
 * Downloads the learner's whole record (GET /api/learner/export: a zip of their statements and agent profiles) through
 * fetch rather than a plain link, so that a single-sign-on bearer token goes with it as with every other call.
 */
async function downloadRecord(agent, button) {
  button.disabled = true;
  try {
    const response = await request(`/api/learner/export?agent=${encodeURIComponent(JSON.stringify(agent))}`, { headers: { Accept: 'application/zip' } });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw new ApiError(response.status, body?.error?.message ?? `The export was refused (${response.status}).`);
    }
    const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '');
    download(named?.[1] ?? 'xapi-record.zip', await response.blob());
  } catch (error) {
    toast(error.message);
  } finally {
    button.disabled = false;
  }
}

export async function renderRecord({ agent, params, topics, own }) {
  let record;
  try {
    record = await analytics('learner', { agent: JSON.stringify(agent), topic: params.topic, recent: RECENT }, params);
  } catch (error) {
    if (error.status === 404 && error.field === 'agent') {
      return [emptyState({
        title: own ? 'Nothing recorded for you yet' : 'No statements for this person',
        message: `${own ? 'Your' : 'This'} record is empty${params.topic ? ' on this topic' : ''}${params.from || params.to ? ' in this range' : ''}: no statement with ${f.agentId(agent)} as its actor has reached the analytics.`,
        hint: own ? 'Courses you complete and questions you ask or answer show here.' : 'Check the identifier: the same person may be known by another email or account.',
      })];
    }
    throw error;
  }

  const name = record.agent.name ?? f.agentId(record.agent);
  const completed = record.topics.filter((t) => t.completedAt);
  const social = record.topics.filter((t) => t.social > 0);
  const parts = [name, params.topic ? topicName(topics, params.topic) : null, params.from, params.to];

  const header = h('section', { class: 'panel person', 'aria-label': 'Person' },
    h('span', { class: 'avatar huge', 'aria-hidden': 'true' }, name.slice(0, 1).toUpperCase()),
    h('div', { class: 'person-text' }, h('h2', { id: 'learner-name' }, name), h('span', { class: 'muted' }, f.agentId(record.agent))),
    own ? h('button', { type: 'button', class: 'button', id: 'download-record', onclick: (e) => downloadRecord(f.agentKey(record.agent), e.currentTarget) },
      iconDownload(), 'Download my whole record') : null,
    own ? h('p', { class: 'person-note' }, 'A zip of your statements and profile documents as xAPI JSON, which another LRS accepts: your learning stays yours.') : null);

  const kpis = h('div', { class: 'kpis kpis-4', role: 'region', 'aria-label': `Figures for ${name}` },
    kpi({ id: 'kpi-topics', label: 'Topics', value: record.topics.length, text: f.count(record.topics.length), hint: 'with any activity' }),
    kpi({ id: 'kpi-completed', label: 'Completed', value: completed.length, text: f.count(completed.length), hint: 'topics finished (formal)' }),
    kpi({ id: 'kpi-social-topics', label: 'Social on', value: social.length, text: f.count(social.length), hint: 'topics with posts, questions or answers', tone: 'social' }),
    kpi({ id: 'kpi-last', label: 'Last active', value: record.recent[0]?.timestamp ?? '', text: f.date(record.recent[0]?.timestamp), hint: 'latest statement', tone: 'ink' }));

  let chart;
  const box = chartBox({ label: `Weekly statements of ${name} by class`, height: 260, summary: table(weeklyTable(record.weeks, `Weekly statements of ${name}`)) });
  const weeklyPanel = panel({
    id: 'learner-weekly', title: 'Activity week by week',
    description: 'Formal learning first, then what followed: social and experiential.',
    csv: { file: fileName('learner-weekly', parts, 'csv'), columns: weeklyCsvColumns, rows: record.weeks },
    chart: () => chart, pngFile: fileName('learner-weekly', parts, 'png'),
    body: box.node,
  });

  const topicColumns = ['topic', 'name', 'formal', 'social', 'experiential', 'system', 'completedAt', 'lastActivity'].map((k) => ({ key: k, label: k }));
  const topicsPanel = panel({
    id: 'learner-topics', title: 'Topics',
    description: 'Each topic: when it was completed, and the activity on it by class.',
    csv: { file: fileName('learner-topics', parts, 'csv'), columns: topicColumns, rows: record.topics },
    body: record.topics.length === 0
      ? emptyState({ title: 'No topic yet', message: 'The statements recorded have no topic (no course or community around them).' })
      : table({
        caption: `Topics of ${name}`, captionHidden: true,
        columns: [
          { label: 'Topic', cell: (t) => t.name ?? t.topic },
          { label: 'Completed', cell: (t) => (t.completedAt ? h('time', { datetime: t.completedAt }, f.date(t.completedAt)) : h('span', { class: 'muted' }, 'not yet')) },
          { label: 'Formal', numeric: true, cell: (t) => figure(t.formal, f.count(t.formal)) },
          { label: 'Social', numeric: true, cell: (t) => figure(t.social, f.count(t.social)) },
          { label: 'Experiential', numeric: true, cell: (t) => figure(t.experiential, f.count(t.experiential)) },
          { label: 'Last activity', cell: (t) => h('time', { datetime: t.lastActivity }, f.date(t.lastActivity)) },
        ],
        rows: record.topics,
      }),
  });

  const timelinePanel = panel({
    id: 'learner-timeline', title: 'Latest statements',
    description: `The ${record.recent.length} most recent, newest first.`,
    csv: { file: fileName('learner-statements', parts, 'csv'), columns: ['statementId', 'timestamp', 'class', 'verb', 'topic', 'object'].map((k) => ({ key: k, label: k })), rows: record.recent },
    body: h('ol', { class: 'timeline' }, record.recent.map((e) => h('li', { class: `event event-${e.class}` },
      h('time', { datetime: e.timestamp }, f.dateTime(e.timestamp)),
      h('span', { class: `chip chip-${e.class}` }, e.class),
      h('span', { class: 'event-text' }, h('strong', {}, f.shortIri(e.verb)), ' ', e.object ? f.shortIri(e.object) : '',
        e.topic ? h('span', { class: 'muted' }, ` · ${topicName(topics, e.topic)}`) : null)))),
  });

  const grid = h('div', { class: 'grid grid-2-1' }, h('div', { class: 'stack' }, weeklyPanel, topicsPanel), timelinePanel);
  grid.dataset.afterRender = '';
  grid.addEventListener('rendered', () => {
    chart = draw(box.canvas, weeklyOption(record.weeks, null));
  });
  return [header, kpis, grid];
}
