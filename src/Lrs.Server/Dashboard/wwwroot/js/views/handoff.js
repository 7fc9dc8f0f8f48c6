// Topic hand-off: the completers' formal and social activity aligned on their own completion week (t0), and the
// seek > sense > share funnel from completing to helping others.
import { draw, axis, palette } from '../charts.js';
import { fileName } from '../csv.js';
import { h, kpi, panel, table, chartBox, emptyState } from '../ui.js';
import * as f from '../format.js';
import { analytics, noTopics, fileParts } from './common.js';

export default {
  id: 'handoff',
  title: 'Topic hand-off',
  nav: 'Hand-off',
  lede: 'What completers do in the weeks before and after they finish a course.',
  roles: ['admin', 'manager'],
  topicMode: 'required',

  async render({ params, topics }) {
    if (topics.length === 0) return [noTopics()];
    const [report, curve, funnel] = await Promise.all([
      analytics('topic', { id: params.topic }, params),
      analytics('handoff', { id: params.topic, weeksBefore: 4, weeksAfter: 26 }, params),
      analytics('funnel', { id: params.topic }, params),
    ]);
    const name = report.name ?? report.topic;
    const parts = fileParts(topics, params);

    const kpis = h('div', { class: 'kpis kpis-4', role: 'region', 'aria-label': `Hand-off figures for ${name}` },
      kpi({ id: 'kpi-completers', label: 'Completers', value: curve.completers, text: f.count(curve.completers), hint: 'aligned on their own completion (week 0)' }),
      kpi({ id: 'kpi-social90', label: 'Going social within 90 days', value: report.socialAfterTraining90, text: f.percent(report.socialAfterTraining90), hint: 'of completers', tone: 'social' }),
      kpi({ id: 'kpi-days-social', label: 'Median days to first social', value: report.medianDaysToFirstSocial ?? '', text: f.days(report.medianDaysToFirstSocial), hint: 'after completing, for those who went social' }),
      kpi({ id: 'kpi-crossover', label: 'Crossover week', value: report.crossoverWeek ?? '', text: report.crossoverWeek ?? 'Not yet', hint: 'social ahead of formal 4 weeks running', tone: 'ink' }));

    let curveChart;
    const curveBox = chartBox({
      label: `Formal and social statements of ${name}'s completers per week relative to completion, with the share of completers active socially`,
      height: 340,
      summary: table({
        caption: `Hand-off curve of ${name}`,
        columns: [
          { label: 'Week from completion', cell: (p) => String(p.weekOffset) },
          { label: 'Formal', numeric: true, cell: (p) => f.count(p.formal) },
          { label: 'Social', numeric: true, cell: (p) => f.count(p.social) },
          { label: 'Socially active completers', numeric: true, cell: (p) => f.percent(p.socialShare) },
        ],
        rows: curve.points,
      }),
    });
    const curvePanel = panel({
      id: 'curve', title: 'Before and after completion',
      description: 'Statements on the topic by its completers, week by week from their own completion (t0), and the share of completers who were social that week.',
      csv: {
        file: fileName('handoff-curve', parts, 'csv'),
        columns: ['weekOffset', 'formal', 'social', 'experiential', 'activeLearners', 'socialLearners', 'socialShare'].map((k) => ({ key: k, label: k })),
        rows: curve.points,
      },
      chart: () => curveChart, pngFile: fileName('handoff-curve', parts, 'png'),
      body: curve.points.length === 0
        ? emptyState({ title: 'Nobody has completed this topic', message: `The hand-off starts at a completion: no completed, passed or satisfied statement on ${name} is recorded${params.from || params.to ? ' in this range' : ''}.`, hint: 'Completions come from the LMS or course player (cmi5 "completed" or "passed").' })
        : curveBox.node,
    });

    const stages = [
      { stage: 'Completed', help: 'finished the course', value: funnel.completed, color: palette.formal },
      { stage: 'Asked or commented', help: 'seek and sense: asked, commented or replied afterwards', value: funnel.askedOrCommented, color: palette.skyBlue },
      { stage: 'Answered or shared', help: 'share: answered someone or shared for others afterwards', value: funnel.answeredOrShared, color: palette.social },
    ];
    let funnelChart;
    const funnelBox = chartBox({ label: `Seek, sense, share funnel of ${name}`, height: 260 });
    const funnelPanel = panel({
      id: 'funnel', title: 'Seek › sense › share',
      description: 'Completers who went on to ask or comment, and to answer or share, on this topic.',
      csv: { file: fileName('handoff-funnel', parts, 'csv'), columns: [{ key: 'stage', label: 'stage' }, { key: 'value', label: 'completers' }], rows: stages },
      chart: () => funnelChart, pngFile: fileName('handoff-funnel', parts, 'png'),
      body: funnel.completed === 0
        ? emptyState({ title: 'No completers yet', message: 'The funnel starts with the people who completed the topic.' })
        : [funnelBox.node, table({
          caption: 'Funnel stages', captionHidden: true, className: 'compact',
          columns: [
            { label: 'Stage', cell: (s) => h('span', { class: 'swatch-label' }, h('span', { class: 'swatch', style: `background:${s.color}` }), s.stage) },
            { label: 'Completers', numeric: true, cell: (s) => h('data', { value: s.value }, f.count(s.value)) },
          ],
          rows: stages,
        })],
    });

    const grid = h('div', { class: 'grid grid-2-1' }, curvePanel, funnelPanel);
    grid.dataset.afterRender = '';
    grid.addEventListener('rendered', () => {
      if (curve.points.length > 0) {
        curveChart = draw(curveBox.canvas, {
          legend: {},
          tooltip: { trigger: 'axis' },
          grid: { right: 56, top: 72, bottom: 36 },
          xAxis: axis({ type: 'category', name: 'weeks from completion', nameLocation: 'middle', nameGap: 30, data: curve.points.map((p) => (p.weekOffset > 0 ? `+${p.weekOffset}` : String(p.weekOffset))) }),
          yAxis: [axis({ type: 'value' }), axis({ type: 'value', max: 1, splitLine: { show: false }, axisLabel: { formatter: (v) => `${Math.round(v * 100)} %` } })],
          series: [
            { name: 'Formal', type: 'bar', stack: 'c', barMaxWidth: 18, itemStyle: { color: palette.formal }, data: curve.points.map((p) => p.formal),
              markLine: { symbol: 'none', lineStyle: { color: palette.ink, type: 'dashed', width: 2 }, label: { formatter: 'Completion (t0)', position: 'end', color: palette.ink, fontWeight: 600 }, data: [{ xAxis: '0' }] } },
            { name: 'Social', type: 'bar', stack: 'c', barMaxWidth: 18, itemStyle: { color: palette.social, borderRadius: [3, 3, 0, 0] }, data: curve.points.map((p) => p.social) },
            { name: 'Completers active socially', type: 'line', yAxisIndex: 1, smooth: true, symbol: 'circle', symbolSize: 6, lineStyle: { width: 3, color: palette.vermillion }, itemStyle: { color: palette.vermillion }, data: curve.points.map((p) => p.socialShare), tooltip: { valueFormatter: (v) => f.percent(v) } },
          ],
        });
      }
      if (funnel.completed > 0) {
        // Bars rather than a funnel shape: the stages are counted independently, so a later one may be larger.
        funnelChart = draw(funnelBox.canvas, {
          legend: false,
          grid: { top: 8, left: 8, right: 48, bottom: 8 },
          tooltip: { trigger: 'item', formatter: (p) => `${f.esc(p.name)}: ${f.count(p.value)} completers` },
          xAxis: axis({ type: 'value', max: funnel.completed, axisLabel: { show: false }, splitLine: { show: false } }),
          yAxis: axis({ type: 'category', inverse: true, data: stages.map((s) => s.stage), axisLabel: { color: palette.ink, fontWeight: 600 } }),
          series: [{
            type: 'bar', barWidth: '56%',
            showBackground: true, backgroundStyle: { color: '#eef2f6', borderRadius: 6 },
            label: { show: true, position: 'right', color: palette.ink, fontWeight: 600, formatter: (p) => f.count(p.value) },
            data: stages.map((s) => ({ value: s.value, itemStyle: { color: s.color, borderRadius: 6 } })),
          }],
        });
      }
    });
    return [kpis, grid];
  },
};
