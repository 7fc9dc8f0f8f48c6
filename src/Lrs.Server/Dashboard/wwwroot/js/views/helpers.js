// Who to ask: the people who answer questions on a topic, most answers first, and whether they took the course, so
// a manager or a learner knows whom to ask right now.
import { draw, axis, palette } from '../charts.js';
import { fileName } from '../csv.js';
import { h, panel, chartBox, emptyState, figure, table } from '../ui.js';
import * as f from '../format.js';
import { analytics, noTopics, fileParts, personLink } from './common.js';

const CARDS = 6;
const CHARTED = 15;

export default {
  id: 'helpers',
  title: 'Who to ask',
  lede: 'The people who answer questions on this topic, and whether they learnt it in the course.',
  roles: ['admin', 'manager', 'learner'],
  topicMode: 'required',

  async render({ params, topics, user }) {
    if (topics.length === 0) return [noTopics()];
    const answer = await analytics('helpers', { id: params.topic }, params);
    const name = answer.name ?? answer.topic;
    const helpers = answer.helpers;
    const parts = fileParts(topics, params);
    if (helpers.length === 0) {
      return [emptyState({ title: 'Nobody has answered yet', message: `No one has answered a question on ${name}${params.from || params.to ? ' in this range' : ''}.`, hint: 'Helpers appear when an "answered" statement replies to someone else\'s question.' })];
    }

    const cards = h('ul', { class: 'helper-cards', 'aria-label': `Top helpers on ${name}` },
      helpers.slice(0, CARDS).map((x, i) => h('li', { class: 'helper-card' },
        h('span', { class: 'rank', 'aria-label': `Rank ${i + 1}` }, String(i + 1)),
        h('span', { class: 'avatar big', 'aria-hidden': 'true' }, initials(f.agentName(x.agent))),
        h('div', { class: 'helper-text' },
          h('strong', {}, personLink(x.agent, user)),
          h('span', { class: 'muted' }, f.agentId(x.agent)),
          h('span', { class: `badge ${x.completedTopic ? 'badge-course' : 'badge-other'}` }, x.completedTopic ? 'Took the course' : 'Learnt it elsewhere')),
        h('div', { class: 'helper-count' }, figure(x.answers, f.count(x.answers)), h('small', {}, x.answers === 1 ? 'answer' : 'answers')),
        x.agent.mbox ? h('a', { class: 'button small', href: x.agent.mbox, 'aria-label': `Ask ${f.agentName(x.agent)} by email` }, 'Ask') : null)));

    const charted = helpers.slice(0, CHARTED);
    let chart;
    const box = chartBox({ label: `Answers given by the top ${charted.length} helpers on ${name}; blue took the course, orange learnt it elsewhere`, height: 60 + charted.length * 26 });
    const columns = [
      { key: (x) => x.agent.name, label: 'name' }, { key: (x) => f.agentId(x.agent), label: 'agent' },
      { key: 'answers', label: 'answers' }, { key: 'completedTopic', label: 'completedTopic' },
    ];
    const chartPanel = panel({
      id: 'helpers-chart', title: 'Answers given',
      description: `The ${charted.length} people with the most answers.`,
      chart: () => chart, pngFile: fileName('who-to-ask', parts, 'png'),
      body: [box.node, h('p', { class: 'legend-note' },
        h('span', { class: 'swatch', style: `background:${palette.formal}` }), 'took the course ',
        h('span', { class: 'swatch', style: `background:${palette.social}` }), 'learnt it elsewhere')],
    });
    const listPanel = panel({
      id: 'helpers-list', title: 'Every helper',
      description: `${f.count(helpers.length)} people answered questions on ${name}.`,
      csv: { file: fileName('who-to-ask', parts, 'csv'), columns, rows: helpers },
      body: table({
        caption: `Helpers on ${name}`, captionHidden: true, className: 'scroll',
        columns: [
          { label: 'Person', cell: (x) => personLink(x.agent, user) },
          { label: 'Answers', numeric: true, cell: (x) => figure(x.answers, f.count(x.answers)) },
          { label: 'Took the course', cell: (x) => (x.completedTopic ? 'Yes' : 'No') },
        ],
        rows: helpers,
      }),
    });

    const grid = h('div', { class: 'grid grid-1-1' }, chartPanel, listPanel);
    grid.dataset.afterRender = '';
    grid.addEventListener('rendered', () => {
      chart = draw(box.canvas, {
        legend: false,
        grid: { top: 8, left: 8, right: 40, bottom: 8 },
        tooltip: { trigger: 'item', formatter: (p) => `${f.esc(p.name)}: ${f.count(p.value)} answers` },
        xAxis: axis({ type: 'value', minInterval: 1 }),
        yAxis: axis({ type: 'category', inverse: true, data: charted.map((x) => f.agentName(x.agent)), axisLabel: { color: palette.ink } }),
        series: [{
          type: 'bar', barMaxWidth: 18,
          label: { show: true, position: 'right', color: palette.ink },
          data: charted.map((x) => ({ value: x.answers, itemStyle: { color: x.completedTopic ? palette.formal : palette.social, borderRadius: [0, 4, 4, 0] } })),
        }],
      });
    });
    return [h('section', { class: 'panel flat', 'aria-label': 'Top helpers' }, cards), grid];
  },
};

const initials = (name) => name.split(/\s+/).map((p) => p[0]).join('').slice(0, 2).toUpperCase();
