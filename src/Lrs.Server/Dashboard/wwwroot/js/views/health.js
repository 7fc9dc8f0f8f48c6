// Classification health: what the rules did not recognise (statements left experiential by default, statements with
// no topic), so L&D can tune the rules file; admins can rebuild the projection.
import { draw, axis, palette } from '../charts.js';
import { fileName } from '../csv.js';
import { request } from '../api.js';
import { h, kpi, panel, table, chartBox, emptyState, figure, toast } from '../ui.js';
import * as f from '../format.js';
import { analytics } from './common.js';

export default {
  id: 'health',
  title: 'Classification health',
  nav: 'Classification health',
  lede: 'What the rules did not recognise: tune the rules file, then rebuild.',
  roles: ['admin', 'manager'],
  topicMode: 'none',

  async render({ params, user, goTo }) {
    const [report, status] = await Promise.all([analytics('health-report', {}, params), analytics('status', {}, {})]);
    const parts = [params.from, params.to, params.team];
    if (report.statements === 0) {
      return [statusPanel(status, user, goTo, params), emptyState({ title: 'No statements to check', message: `The analytics hold no statement${params.from || params.to ? ' in this range' : ''}, so there is nothing to classify.`, hint: 'Statements arrive at /xapi/statements; the projection follows them within seconds.' })];
    }

    const kpis = h('div', { class: 'kpis kpis-4', role: 'region', 'aria-label': 'Classification figures' },
      kpi({ id: 'kpi-statements', label: 'Statements', value: report.statements, text: f.count(report.statements), hint: 'classified in this range' }),
      kpi({ id: 'kpi-experiential', label: 'Experiential by default', value: report.experiential, text: f.count(report.experiential), hint: 'no rule matched them', tone: 'experiential' }),
      kpi({ id: 'kpi-no-topic', label: 'Without a topic', value: report.withoutTopic, text: f.count(report.withoutTopic), hint: 'count in no topic\'s figures', tone: 'alert' }),
      kpi({ id: 'kpi-rules', label: 'Rules in force', value: status.rules, text: status.rules, hint: 'fingerprint of the rules file', tone: 'code' }));

    const verbs = report.experientialVerbs;
    let chart;
    const box = chartBox({ label: 'Experiential statements by verb', height: 40 + Math.min(verbs.length, 10) * 30 });
    const verbsPanel = panel({
      id: 'experiential-verbs', title: 'Verbs left experiential',
      description: 'No rule names these verbs. If one is formal (a course event) or social (people talking), add it to the rules file.',
      csv: { file: fileName('health-experiential-verbs', parts, 'csv'), columns: [{ key: 'verb', label: 'verb' }, { key: 'statements', label: 'statements' }], rows: verbs },
      chart: () => chart, pngFile: fileName('health-experiential-verbs', parts, 'png'),
      body: verbs.length === 0 ? emptyState({ title: 'Every verb is recognised', message: 'No statement fell into experiential by default.' }) : [box.node,
        table({ caption: 'Verbs left experiential', captionHidden: true, className: 'scroll', columns: [
          { label: 'Verb', cell: (v) => h('code', { title: v.verb }, v.verb) },
          { label: 'Statements', numeric: true, cell: (v) => figure(v.statements, f.count(v.statements)) },
        ], rows: verbs })],
    });

    const typesPanel = panel({
      id: 'experiential-types', title: 'Activity types left experiential',
      description: 'Object types of those statements, as the LRS holds them. A course-like type belongs in formalMarker.activityTypes; a forum-like one in social.activityTypes.',
      csv: { file: fileName('health-experiential-types', parts, 'csv'), columns: [{ key: 'type', label: 'type' }, { key: 'activities', label: 'activities' }, { key: 'statements', label: 'statements' }, { key: (t) => t.examples.join(' '), label: 'examples' }], rows: report.experientialActivityTypes },
      body: report.experientialActivityTypes.length === 0 ? emptyState({ title: 'No activity left experiential', message: 'Every object activity is recognised by a rule.' })
        : table({ caption: 'Activity types left experiential', captionHidden: true, className: 'scroll', columns: [
          { label: 'Type', cell: (t) => (t.type ? h('code', { title: t.type }, t.type) : h('span', { class: 'muted' }, 'no type held')) },
          { label: 'Activities', numeric: true, cell: (t) => figure(t.activities, f.count(t.activities)) },
          { label: 'Statements', numeric: true, cell: (t) => figure(t.statements, f.count(t.statements)) },
          { label: 'For example', cell: (t) => h('span', { class: 'muted small-text' }, t.examples.map(f.shortIri).join(', ')) },
        ], rows: report.experientialActivityTypes }),
    });

    const topiclessPanel = panel({
      id: 'without-topic', title: 'Statements without a topic',
      description: 'They count in no topic: a course id, a grouping activity or a topic alias in the rules file gives them one.',
      csv: { file: fileName('health-without-topic', parts, 'csv'), columns: [{ key: 'verb', label: 'verb' }, { key: 'class', label: 'class' }, { key: 'statements', label: 'statements' }], rows: report.withoutTopicVerbs },
      body: report.withoutTopicVerbs.length === 0 ? emptyState({ title: 'Every statement has a topic', message: 'Nothing falls outside the topics.' })
        : table({ caption: 'Statements without a topic', captionHidden: true, className: 'scroll', columns: [
          { label: 'Verb', cell: (v) => h('code', { title: v.verb }, v.verb) },
          { label: 'Class', cell: (v) => h('span', { class: `chip chip-${v.class}` }, v.class) },
          { label: 'Statements', numeric: true, cell: (v) => figure(v.statements, f.count(v.statements)) },
        ], rows: report.withoutTopicVerbs }),
    });

    const grid = h('div', { class: 'grid grid-1-1' }, verbsPanel, h('div', { class: 'stack' }, typesPanel, topiclessPanel));
    grid.dataset.afterRender = '';
    grid.addEventListener('rendered', () => {
      if (verbs.length === 0) return;
      const top = verbs.slice(0, 10);
      chart = draw(box.canvas, {
        legend: false,
        grid: { top: 8, left: 8, right: 56, bottom: 8 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: axis({ type: 'value' }),
        yAxis: axis({ type: 'category', inverse: true, data: top.map((v) => f.shortIri(v.verb)), axisLabel: { color: palette.ink } }),
        series: [{ name: 'Statements', type: 'bar', barMaxWidth: 18, itemStyle: { color: palette.experiential, borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', color: palette.ink }, data: top.map((v) => v.statements) }],
      });
    });
    return [statusPanel(status, user, goTo, params), kpis, grid];
  },
};

function statusPanel(status, user, goTo, params) {
  const admin = user.role === 'admin';
  const button = admin ? h('button', { type: 'button', class: 'button', id: 'rebuild', onclick: () => rebuild(button, goTo, params) }, 'Rebuild the projection') : null;
  return h('section', { class: 'panel status-bar', 'aria-label': 'Projection status' },
    h('div', {},
      h('strong', {}, 'Projection: '),
      figure(status.rows, `${f.count(status.rows)} rows`, { id: 'status-rows' }),
      h('span', { class: 'muted' }, ` · following ${status.source ?? 'nothing yet'} · updated ${f.dateTime(status.updated)}`)),
    admin ? h('p', { class: 'muted small-text' }, 'Replays every statement under the rules the server loaded, e.g. after activity definitions arrived late. A changed rules file is picked up at the next start.') : null,
    button);
}

async function rebuild(button, goTo, params) {
  if (!window.confirm('Rebuild the analytics projection? Figures empty and refill while every statement is replayed.')) return;
  button.disabled = true;
  button.textContent = 'Rebuilding…';
  const response = await request('/api/analytics/rebuild', { method: 'POST' });
  if (!response.ok) {
    toast(response.status === 403 ? 'Only administrators may rebuild the projection.' : `The rebuild was refused (${response.status}).`);
    button.disabled = false;
    button.textContent = 'Rebuild the projection';
    return;
  }
  const { requestedAt } = await response.json();
  // Done when the replay has written since the request and the row count holds still between two looks.
  let previous = -1;
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const status = await (await request('/api/analytics/status')).json();
    const settled = status.rows === previous;
    previous = status.rows;
    if (status.updated && new Date(status.updated) >= new Date(requestedAt) && settled) {
      toast(`Projection rebuilt: ${f.count(status.rows)} rows.`);
      goTo('health', params);
      return;
    }
  }
}
