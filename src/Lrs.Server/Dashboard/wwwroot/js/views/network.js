// Knowledge network: who answers whose questions on a topic, as a force-directed graph (edge weight = answers), with
// helpers and completers left isolated highlighted, and the isolated completers listed by name.
import { draw, palette } from '../charts.js';
import { fileName } from '../csv.js';
import { h, panel, chartBox, emptyState, table, kpi, figure } from '../ui.js';
import * as f from '../format.js';
import { analytics, noTopics, fileParts, personLink } from './common.js';

/** A force layout of more people than this is a hairball on a laptop: the most connected ones are drawn. */
const MAX_NODES = 250;

const categories = [
  { name: 'Helper (answers questions)', itemStyle: { color: palette.social } },
  { name: 'Asks only', itemStyle: { color: palette.skyBlue } },
  { name: 'Completer left isolated', itemStyle: { color: palette.vermillion } },
];

export default {
  id: 'network',
  title: 'Knowledge network',
  nav: 'Network',
  lede: 'Who answers whose questions, and which completers never joined the conversation.',
  roles: ['admin', 'manager'],
  topicMode: 'required',

  async render({ params, topics, user }) {
    if (topics.length === 0) return [noTopics()];
    const [network, report] = await Promise.all([
      analytics('network', { id: params.topic }, params),
      analytics('topic', { id: params.topic }, params),
    ]);
    const name = report.name ?? report.topic;
    const parts = fileParts(topics, params);
    const isolated = report.isolatedCompleters;

    const drawn = [...network.nodes].sort((a, b) => b.answers + b.asked - (a.answers + a.asked) || a.id.localeCompare(b.id)).slice(0, MAX_NODES);
    const shown = new Set(drawn.map((n) => n.id));
    const edges = network.edges.filter((e) => shown.has(e.asker) && shown.has(e.answerer));
    const helpers = network.nodes.filter((n) => n.answers > 0).length;

    const kpis = h('div', { class: 'kpis kpis-4', role: 'region', 'aria-label': `Network figures for ${name}` },
      kpi({ id: 'kpi-people', label: 'People in the network', value: network.nodes.length, text: f.count(network.nodes.length), hint: 'asked or answered a question' }),
      kpi({ id: 'kpi-helpers', label: 'Helpers', value: helpers, text: f.count(helpers), hint: 'answered someone else', tone: 'social' }),
      kpi({ id: 'kpi-links', label: 'Asker–helper links', value: network.edges.length, text: f.count(network.edges.length), hint: 'pairs with at least one answer' }),
      kpi({ id: 'kpi-isolated', label: 'Completers left isolated', value: isolated.length, text: f.count(isolated.length), hint: 'no social activity within 60 days of completing', tone: isolated.length > 0 ? 'alert' : 'ink' }));

    let chart;
    const box = chartBox({ label: `Question network of ${name}: ${network.nodes.length} people, ${network.edges.length} links, ${isolated.length} isolated completers`, height: 520 });
    const edgeColumns = [
      { key: 'asker', label: 'asker' }, { key: (e) => nameOf(network, e.asker), label: 'askerName' },
      { key: 'answerer', label: 'answerer' }, { key: (e) => nameOf(network, e.answerer), label: 'answererName' },
      { key: 'answers', label: 'answers' }, { key: 'questions', label: 'questions' },
    ];
    const graphPanel = panel({
      id: 'graph', title: 'Who answers whom',
      description: drawn.length < network.nodes.length
        ? `The ${MAX_NODES} most active of ${f.count(network.nodes.length)} people. Arrows point from asker to helper; thicker means more answers.`
        : 'Arrows point from asker to helper; thicker means more answers. Drag to explore, scroll to zoom.',
      csv: { file: fileName('network-links', parts, 'csv'), columns: edgeColumns, rows: edges },
      chart: () => chart, pngFile: fileName('network', parts, 'png'),
      body: network.nodes.length === 0 && isolated.length === 0
        ? emptyState({ title: 'No conversation yet', message: `Nobody has asked or answered a question on ${name}${params.from || params.to ? ' in this range' : ''}.`, hint: 'The network is built from "asked" and "answered" statements on the topic\'s questions.' })
        : [box.node, h('ul', { class: 'legend-note', 'aria-label': 'Legend' }, categories.map((c, i) => h('li', {},
          h('span', { class: `swatch ${i === 2 ? 'diamond' : ''}`, style: `background:${c.itemStyle.color}` }), c.name)))],
    });

    const isolatedPanel = panel({
      id: 'isolated', title: 'Completers left isolated',
      description: 'Completed the topic at least 60 days ago and posted nothing on it within 60 days: worth a nudge or a buddy.',
      csv: { file: fileName('network-isolated', parts, 'csv'), columns: [{ key: (r) => r.agent.name, label: 'name' }, { key: (r) => f.agentId(r.agent), label: 'agent' }], rows: isolated },
      body: isolated.length === 0
        ? emptyState({ title: 'Nobody is isolated', message: 'Every completer joined the conversation within 60 days (or completed too recently to tell).' })
        : table({
          caption: 'Completers left isolated', captionHidden: true, className: 'scroll tall',
          columns: [{ label: 'Person', cell: (r) => personLink(r.agent, user) }, { label: 'Identifier', cell: (r) => h('span', { class: 'muted' }, f.agentId(r.agent)) }],
          rows: isolated,
        }),
    });

    const helperTable = table({
      caption: `Most connected people on ${name}`, captionHidden: true,
      columns: [
        { label: 'Person', cell: (n) => personLink(n.agent, user) },
        { label: 'Asked', numeric: true, cell: (n) => figure(n.asked, f.count(n.asked)) },
        { label: 'Answers', numeric: true, cell: (n) => figure(n.answers, f.count(n.answers)) },
      ],
      rows: drawn.slice(0, 20),
    });

    const grid = h('div', { class: 'grid grid-2-1' }, graphPanel, isolatedPanel);
    grid.dataset.afterRender = '';
    grid.addEventListener('rendered', () => {
      if (network.nodes.length === 0 && isolated.length === 0) return;
      const maxWeight = Math.max(1, ...edges.map((e) => e.answers));
      const nodes = [
        ...drawn.map((n) => ({
          id: n.id, name: f.agentName(n.agent), category: n.answers > 0 ? 0 : 1,
          symbolSize: 8 + Math.sqrt(n.answers + n.asked) * 5,
          value: n.answers, asked: n.asked, answers: n.answers, completed: n.completedTopic,
          itemStyle: n.completedTopic ? { borderColor: palette.ink, borderWidth: 1.5 } : undefined,
          label: { show: n.answers >= 8 },
        })),
        ...isolated.map((r, i) => ({
          id: `isolated:${i}`, name: f.agentName(r.agent), category: 2, symbol: 'diamond', symbolSize: 14, isolated: true,
        })),
      ];
      chart = draw(box.canvas, {
        legend: false,
        tooltip: {
          formatter: (p) => (p.dataType === 'edge'
            ? `${f.esc(nameOf(network, p.data.source))} → ${f.esc(nameOf(network, p.data.target))}: ${f.count(p.data.answers)} answers`
            : p.data.isolated ? `${f.esc(p.data.name)}: completed, then no social activity for 60 days`
              : `${f.esc(p.data.name)}<br>${f.count(p.data.answers)} answers · ${f.count(p.data.asked)} questions${p.data.completed ? '<br>completed the topic' : ''}`),
        },
        series: [{
          type: 'graph', layout: 'force', roam: true, draggable: true, categories,
          force: { repulsion: 90, edgeLength: [30, 120], gravity: 0.12, friction: 0.2 },
          edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
          label: { position: 'right', color: palette.ink, fontSize: 11 },
          lineStyle: { color: '#9aa6b4', opacity: 0.7, curveness: 0.08 },
          emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
          data: nodes,
          links: edges.map((e) => ({ source: e.asker, target: e.answerer, answers: e.answers, lineStyle: { width: 0.6 + (e.answers / maxWeight) * 5 } })),
        }],
      });
    });
    return [kpis, grid, panel({ id: 'connected', title: 'Most connected', description: 'The people in the network with the most questions and answers.', body: helperTable })];
  },
};

function nameOf(network, id) {
  const node = network.nodes.find((n) => n.id === id);
  return node ? f.agentName(node.agent) : id;
}
