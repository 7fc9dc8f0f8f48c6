// Questions and feedback loops: asked against answered week by week, how long the first answer takes, and the
// oldest questions still waiting, with who asked and when.
import { draw, axis, palette } from '../charts.js';
import { fileName } from '../csv.js';
import { h, kpi, panel, table, chartBox, emptyState, figure } from '../ui.js';
import * as f from '../format.js';
import { analytics, noTopics, fileParts, personLink } from './common.js';

const LIMIT = 100;

export default {
  id: 'questions',
  title: 'Questions and feedback loops',
  nav: 'Questions',
  lede: 'Are questions on the topic answered, how fast, and which ones are still waiting?',
  roles: ['admin', 'manager'],
  topicMode: 'required',

  async render({ params, topics, user }) {
    if (topics.length === 0) return [noTopics()];
    const [report, flow, open] = await Promise.all([
      analytics('topic', { id: params.topic }, params),
      analytics('questions', { topic: params.topic }, params),
      analytics('unanswered', { topic: params.topic, limit: LIMIT }, params),
    ]);
    const name = report.name ?? report.topic;
    const parts = fileParts(topics, params);
    const q = report.questions;

    const kpis = h('div', { class: 'kpis', role: 'region', 'aria-label': `Question figures for ${name}` },
      kpi({ id: 'kpi-asked', label: 'Questions asked', value: q.asked, text: f.count(q.asked), hint: `on ${name}` }),
      kpi({ id: 'kpi-answered', label: 'Answered', value: q.answered, text: f.count(q.answered), hint: 'by someone other than the asker' }),
      kpi({ id: 'kpi-answer-rate', label: 'Answer rate', value: q.answerRate, text: f.percent(q.answerRate), hint: 'answered of asked', tone: 'social' }),
      kpi({ id: 'kpi-first-answer', label: 'Median time to first answer', value: q.medianMinutesToFirstAnswer ?? '', text: f.minutes(q.medianMinutesToFirstAnswer), hint: 'first ask to first answer' }),
      kpi({ id: 'kpi-open', label: 'Waiting now', value: open.questions.length, text: open.questions.length === LIMIT ? `${LIMIT}+` : f.count(open.questions.length), hint: 'questions with no answer yet', tone: open.questions.length > 0 ? 'alert' : 'ink' }));

    let flowChart;
    const flowBox = chartBox({
      label: `Questions asked and answered per week on ${name}`, height: 300,
      summary: table({ caption: 'Questions per week', columns: [
        { label: 'Week', cell: (w) => w.week }, { label: 'Asked', numeric: true, cell: (w) => f.count(w.asked) }, { label: 'Answered', numeric: true, cell: (w) => f.count(w.answered) },
      ], rows: flow.weeks }),
    });
    const flowPanel = panel({
      id: 'flow', title: 'Asked and answered over time',
      description: 'Questions by the week they were first asked, and how many of them got an answer.',
      csv: { file: fileName('questions-weekly', parts, 'csv'), columns: ['week', 'start', 'asked', 'answered'].map((k) => ({ key: k, label: k })), rows: flow.weeks },
      chart: () => flowChart, pngFile: fileName('questions-weekly', parts, 'png'),
      body: flow.weeks.length === 0
        ? emptyState({ title: 'No questions asked', message: `Nobody asked a question on ${name}${params.from || params.to ? ' in this range' : ''}.`, hint: 'Questions are "asked" statements from the community or forum, grouped under the course.' })
        : flowBox.node,
    });

    let delayChart;
    const answered = flow.timeToFirstAnswer.reduce((n, b) => n + b.questions, 0);
    const delayBox = chartBox({
      label: 'Answered questions by time to first answer', height: 300,
      summary: table({ caption: 'Time to first answer', columns: [
        { label: 'Waited', cell: (b) => b.label }, { label: 'Questions', numeric: true, cell: (b) => f.count(b.questions) },
      ], rows: flow.timeToFirstAnswer }),
    });
    const delayPanel = panel({
      id: 'delay', title: 'Time to first answer',
      description: 'How long answered questions waited for their first answer.',
      csv: { file: fileName('questions-time-to-answer', parts, 'csv'), columns: ['label', 'fromHours', 'toHours', 'questions'].map((k) => ({ key: k, label: k })), rows: flow.timeToFirstAnswer },
      chart: () => delayChart, pngFile: fileName('questions-time-to-answer', parts, 'png'),
      body: answered === 0 ? emptyState({ title: 'No answers yet', message: 'Once someone answers a question, its waiting time shows here.' }) : delayBox.node,
    });

    const openColumns = [
      { key: 'question', label: 'question' }, { key: 'name', label: 'name' }, { key: (r) => r.asker?.name, label: 'askerName' },
      { key: (r) => r.asker?.mbox ?? r.asker?.account?.name ?? r.asker?.openid ?? r.asker?.mbox_sha1sum, label: 'asker' },
      { key: 'askedAt', label: 'askedAt' }, { key: 'waitingHours', label: 'waitingHours' },
    ];
    const openPanel = panel({
      id: 'open', title: 'Oldest unanswered questions',
      description: `Questions with no answer from anyone else yet, oldest first${open.questions.length === LIMIT ? ` (the first ${LIMIT})` : ''}.`,
      csv: { file: fileName('questions-unanswered', parts, 'csv'), columns: openColumns, rows: open.questions },
      body: open.questions.length === 0
        ? emptyState({ title: 'Every question has an answer', message: 'Nothing is waiting on this topic.' })
        : table({
          caption: 'Oldest unanswered questions', captionHidden: true, className: 'scroll',
          columns: [
            { label: 'Question', cell: (r) => r.name ?? f.shortIri(r.question) },
            { label: 'Asked by', cell: (r) => personLink(r.asker, user) },
            { label: 'Asked', cell: (r) => h('time', { datetime: r.askedAt }, f.dateTime(r.askedAt)) },
            { label: 'Waiting', numeric: true, cell: (r) => figure(r.waitingHours, f.hours(r.waitingHours)) },
          ],
          rows: open.questions,
        }),
    });

    const grid = h('div', { class: 'grid grid-2-1' }, flowPanel, delayPanel);
    grid.dataset.afterRender = '';
    grid.addEventListener('rendered', () => {
      if (flow.weeks.length > 0) {
        flowChart = draw(flowBox.canvas, {
          legend: {},
          tooltip: { trigger: 'axis' },
          xAxis: axis({ type: 'category', data: flow.weeks.map((w) => w.week) }),
          yAxis: axis({ type: 'value', minInterval: 1 }),
          series: [
            { name: 'Asked', type: 'bar', barGap: '10%', barMaxWidth: 14, itemStyle: { color: palette.skyBlue, borderRadius: [3, 3, 0, 0] }, data: flow.weeks.map((w) => w.asked) },
            { name: 'Answered', type: 'bar', barMaxWidth: 14, itemStyle: { color: palette.formal, borderRadius: [3, 3, 0, 0] }, data: flow.weeks.map((w) => w.answered) },
          ],
        });
      }
      if (answered > 0) {
        delayChart = draw(delayBox.canvas, {
          legend: false,
          grid: { top: 8, left: 8, right: 40, bottom: 8 },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          xAxis: axis({ type: 'value', minInterval: 1 }),
          yAxis: axis({ type: 'category', inverse: true, data: flow.timeToFirstAnswer.map((b) => b.label), axisLabel: { color: palette.ink } }),
          series: [{ name: 'Answered questions', type: 'bar', barMaxWidth: 22, label: { show: true, position: 'right', color: palette.ink },
            data: flow.timeToFirstAnswer.map((b, i) => ({ value: b.questions, itemStyle: { color: i < 3 ? palette.experiential : i < 5 ? palette.social : palette.vermillion, borderRadius: [0, 4, 4, 0] } })) }],
        });
      }
    });
    return [kpis, grid, openPanel];
  },
};
