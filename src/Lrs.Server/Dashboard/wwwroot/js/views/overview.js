// Overview: the chosen topic's headline figures, its weekly formal/social/experiential volume with the crossover
// week, and the topics whose completers go social most after training.
import { draw, axis, palette } from '../charts.js';
import { fileName } from '../csv.js';
import { h, kpi, panel, table, chartBox, emptyState, figure } from '../ui.js';
import * as f from '../format.js';
import { analytics, topicName, weeklyOption, weeklyCsvColumns, weeklyTable, noTopics, fileParts } from './common.js';

/** How many topics the ranking shows: the most social ones. */
const RANKED = 6;

export default {
  id: 'overview',
  title: 'Overview',
  lede: 'Where formal training ends and social learning takes over, topic by topic.',
  roles: ['admin', 'manager'],
  topicMode: 'required',

  async render({ params, topics, navigate }) {
    if (topics.length === 0) return [noTopics()];
    // Two calls: the ranking holds every topic's headline figures (this topic's too), computed for all topics at once.
    const [ranking, weekly] = await Promise.all([
      analytics('ranking', {}, params),
      analytics('weekly', { topic: params.topic }, params),
    ]);
    // A topic with nothing in the filter is not ranked: its figures are zero, as its topic report says.
    const report = ranking.topics.find((t) => t.topic === params.topic) ?? {
      topic: params.topic, name: topicName(topics, params.topic), completers: 0, socialAfterTraining90: 0, crossoverWeek: null,
      questions: { asked: 0, answered: 0, answerRate: 0, medianMinutesToFirstAnswer: null },
    };
    // Ties by topic IRI, compared as written (ordinal), as the API orders them.
    const reports = ranking.topics.slice(0, RANKED)
      .sort((a, b) => b.socialAfterTraining90 - a.socialAfterTraining90 || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));

    const name = report.name ?? report.topic;
    const parts = fileParts(topics, params);
    const q = report.questions;
    const kpis = h('div', { class: 'kpis', role: 'region', 'aria-label': `Headline figures for ${name}` },
      kpi({ id: 'kpi-completers', label: 'Completers', value: report.completers, text: f.count(report.completers), hint: `learners who completed ${name}` }),
      kpi({ id: 'kpi-social90', label: 'Going social within 90 days', value: report.socialAfterTraining90, text: f.percent(report.socialAfterTraining90), hint: 'of completers posted, asked or answered on the topic', tone: 'social' }),
      kpi({ id: 'kpi-answer-rate', label: 'Answer rate', value: q.answerRate, text: f.percent(q.answerRate), hint: `${f.count(q.answered)} of ${f.count(q.asked)} questions answered by someone else` }),
      kpi({ id: 'kpi-first-answer', label: 'Median time to first answer', value: q.medianMinutesToFirstAnswer ?? '', text: f.minutes(q.medianMinutesToFirstAnswer), hint: 'from the first ask to the first answer' }),
      kpi({ id: 'kpi-crossover', label: 'Crossover week', value: report.crossoverWeek ?? '', text: report.crossoverWeek ?? 'Not yet', hint: report.crossoverWeek ? 'first of 4 weeks in a row with more social than formal activity' : 'social has not outgrown formal for 4 weeks in a row', tone: 'ink' }));

    let weeklyChart;
    const weeklyBox = chartBox({ label: `Weekly statements on ${name} by class, stacked${report.crossoverWeek ? `; crossover in ${report.crossoverWeek}` : ''}`, height: 340, summary: table(weeklyTable(weekly.weeks, `Weekly statements on ${name}`)) });
    const weeklyPanel = panel({
      id: 'weekly', title: 'Weekly activity by class',
      description: `Formal, social and experiential statements on ${name} per ISO week.`,
      csv: { file: fileName('overview-weekly', parts, 'csv'), columns: weeklyCsvColumns, rows: weekly.weeks },
      chart: () => weeklyChart, pngFile: fileName('overview-weekly', parts, 'png'),
      body: weekly.weeks.length === 0
        ? emptyState({ title: 'No statements in this range', message: `Nothing was recorded on ${name} between these dates.`, hint: 'Widen the date range or clear the team filter.' })
        : weeklyBox.node,
    });

    let rankChart;
    const rankBox = chartBox({ label: 'Share of completers going social within 90 days, by topic', height: 40 + reports.length * 44 });
    const rankColumns = [
      { key: 'topic', label: 'topic' }, { key: 'name', label: 'name' }, { key: (r) => r.mix.social, label: 'socialStatements' }, { key: 'completers', label: 'completers' },
      { key: 'socialAfterTraining90', label: 'socialAfterTraining90' }, { key: (r) => r.questions.answerRate, label: 'answerRate' },
      { key: (r) => r.questions.medianMinutesToFirstAnswer, label: 'medianMinutesToFirstAnswer' }, { key: 'crossoverWeek', label: 'crossoverWeek' },
    ];
    const rankPanel = panel({
      id: 'top-topics', title: 'Top topics after training',
      description: `Share of completers going social within 90 days, for the ${reports.length} topics with the most social activity.`,
      csv: { file: fileName('overview-top-topics', [params.from, params.to, params.team], 'csv'), columns: rankColumns, rows: reports },
      chart: () => rankChart, pngFile: fileName('overview-top-topics', [params.from, params.to, params.team], 'png'),
      body: [
        rankBox.node,
        table({
          caption: 'Top topics after training', captionHidden: true, className: 'compact',
          columns: [
            { label: 'Topic', cell: (r) => h('a', { href: '#', onclick: (e) => { e.preventDefault(); navigate({ ...params, topic: r.topic }); } }, r.name ?? r.topic) },
            { label: 'Completers', numeric: true, cell: (r) => figure(r.completers, f.count(r.completers)) },
            { label: 'Social', numeric: true, cell: (r) => figure(r.socialAfterTraining90, f.percent(r.socialAfterTraining90)) },
          ],
          rows: reports,
        }),
      ],
    });

    const grid = h('div', { class: 'grid grid-2-1' }, weeklyPanel, rankPanel);
    grid.dataset.afterRender = '';
    grid.addEventListener('rendered', () => {
      if (weekly.weeks.length > 0) weeklyChart = draw(weeklyBox.canvas, weeklyOption(weekly.weeks, report.crossoverWeek));
      rankChart = draw(rankBox.canvas, {
        legend: false,
        grid: { top: 8, left: 8, right: 56, bottom: 8 },
        tooltip: { trigger: 'item', valueFormatter: (v) => f.percent(v) },
        xAxis: axis({ type: 'value', max: 1, axisLabel: { show: false }, splitLine: { show: false } }),
        yAxis: axis({ type: 'category', inverse: true, data: reports.map((r) => r.name ?? r.topic), axisLabel: { color: palette.ink, width: 120, overflow: 'truncate' } }),
        series: [{
          type: 'bar', name: 'Going social within 90 days', barMaxWidth: 22,
          data: reports.map((r) => ({ value: r.socialAfterTraining90, itemStyle: { color: r.topic === params.topic ? palette.social : '#f3c878', borderRadius: [0, 4, 4, 0] } })),
          label: { show: true, position: 'right', formatter: (p) => f.percent(p.value), color: palette.ink },
        }],
      });
    });
    return [kpis, grid];
  },
};
