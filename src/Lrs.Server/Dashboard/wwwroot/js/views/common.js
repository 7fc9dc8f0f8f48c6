// What several views share: filtered API calls, topic names, the weekly class chart, links to a learner's record.
import { getJson } from '../api.js';
import { filterParams } from '../filters.js';
import { axis, palette } from '../charts.js';
import { h, emptyState } from '../ui.js';
import * as f from '../format.js';

/** GET an analytics endpoint with the view's date and team filters added. */
export const analytics = (path, params, filters) => getJson(`/api/analytics/${path}`, { ...params, ...filterParams(filters) });

export const topicName = (topics, id) => topics.find((t) => t.topic === id)?.name ?? id;

export const classes = [
  { key: 'formal', label: 'Formal', color: palette.formal },
  { key: 'social', label: 'Social', color: palette.social },
  { key: 'experiential', label: 'Experiential', color: palette.experiential },
];

/** Stacked weekly bars per class; the crossover week (if any) marked with a labelled line. */
export function weeklyOption(weeks, crossoverWeek) {
  return {
    legend: {},
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: axis({ type: 'category', data: weeks.map((w) => w.week) }),
    grid: { top: 64 },
    yAxis: axis({ type: 'value' }),
    series: classes.map((c, i) => ({
      name: c.label,
      type: 'bar',
      stack: 'all',
      barMaxWidth: 28,
      itemStyle: { color: c.color, borderRadius: i === classes.length - 1 ? [3, 3, 0, 0] : 0 },
      emphasis: { focus: 'series' },
      data: weeks.map((w) => w[c.key]),
      markLine: i === 0 && crossoverWeek && weeks.some((w) => w.week === crossoverWeek)
        ? {
          symbol: 'none',
          lineStyle: { color: palette.ink, type: 'dashed', width: 2 },
          label: { formatter: `Crossover ${crossoverWeek}`, position: 'end', color: palette.ink, fontWeight: 600 },
          data: [{ xAxis: crossoverWeek }],
        }
        : undefined,
    })),
  };
}

export const weeklyCsvColumns = [
  { key: 'week', label: 'week' }, { key: 'start', label: 'start' }, { key: 'formal', label: 'formal' },
  { key: 'social', label: 'social' }, { key: 'experiential', label: 'experiential' }, { key: 'system', label: 'system' },
];

/** The weekly figures as a table: the chart's text alternative. */
export function weeklyTable(weeks, caption) {
  return {
    caption,
    columns: [
      { label: 'Week', cell: (w) => w.week },
      ...classes.map((c) => ({ label: c.label, numeric: true, cell: (w) => f.count(w[c.key]) })),
    ],
    rows: weeks,
  };
}

/** A link to a person's learner record (for managers; learners see names only). */
export function personLink(agent, user) {
  const name = f.agentName(agent);
  if (!agent || user.role === 'learner') return h('span', {}, name);
  const key = f.agentKey(agent);
  return key ? h('a', { href: `#/learner?agent=${encodeURIComponent(JSON.stringify(key))}` }, name) : h('span', {}, name);
}

export const noTopics = () => emptyState({
  title: 'No learning activity yet',
  message: 'No statement in this LRS has a topic yet: topics come from courses (cmi5 or SCORM launches and completions) and from the communities that group their posts under a course.',
  hint: 'Send statements to /xapi/statements, or try the demo organisation on a fresh data directory: dotnet run --project src/Lrs.Server -- demo',
});

/** The filters as file-name parts: topic name, dates, team. */
export const fileParts = (topics, params) => [params.topic ? topicName(topics, params.topic) : null, params.from, params.to, params.team];
