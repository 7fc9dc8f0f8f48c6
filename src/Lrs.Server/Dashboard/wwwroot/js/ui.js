// Small DOM helpers: elements, panels with their download buttons, figures, tables and empty states.
import { download, downloadCsv } from './csv.js';
import { png } from './charts.js';

/** h('p', {class: 'x'}, 'text', child): an element; attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A figure as <data>: the display text, with the API's exact value in its value attribute. */
export const figure = (value, text, attributes = {}) => h('data', { value: value ?? '', ...attributes }, text);

/**
 * A card with a heading, an optional description, and download buttons: csv = {file, columns, rows},
 * chart = () => the ECharts instance (PNG), both named after what the panel shows.
 */
export function panel({ id, title, description, csv, chart, pngFile, className = '', body = [] }) {
  const headingId = `${id}-title`;
  const actions = h('div', { class: 'panel-actions' });
  if (csv) {
    actions.append(h('button', {
      type: 'button', class: 'ghost small', 'data-download': 'csv', 'aria-label': `Download ${title} as CSV`,
      onclick: () => downloadCsv(csv.file, csv.columns, csv.rows),
    }, iconDownload(), 'CSV'));
  }
  if (chart) {
    actions.append(h('button', {
      type: 'button', class: 'ghost small', 'data-download': 'png', 'aria-label': `Download the ${title} chart as PNG`,
      onclick: () => download(pngFile, dataUrlToBlob(png(chart()))),
    }, iconDownload(), 'PNG'));
  }
  return h('section', { class: `panel ${className}`, id, 'aria-labelledby': headingId },
    h('header', { class: 'panel-head' },
      h('div', {}, h('h2', { id: headingId }, title), description ? h('p', { class: 'panel-desc' }, description) : null),
      actions),
    body);
}

/** A headline number: label, the figure, and a line saying what it means. */
export function kpi({ id, label, value, text, hint, tone }) {
  return h('div', { class: `kpi ${tone ? `kpi-${tone}` : ''}`, id, role: 'group', 'aria-label': label },
    h('span', { class: 'kpi-label' }, label),
    figure(value, text, { class: 'kpi-value' }),
    hint ? h('span', { class: 'kpi-hint' }, hint) : null);
}

/**
 * A table; columns are {label, cell(row) -> node or text, numeric}. With a caption, screen readers announce it; a
 * chart's table doubles as its text alternative.
 */
export function table({ caption, columns, rows, className = '', captionHidden = false }) {
  return h('div', { class: `table-wrap ${className}` },
    h('table', {},
      caption ? h('caption', { class: captionHidden ? 'visually-hidden' : '' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c, i) => h(i === 0 ? 'th' : 'td', { class: c.numeric ? 'num' : '', scope: i === 0 ? 'row' : null }, c.cell(r))))))));
}

/** What a view shows when the data it needs is missing: what is missing, and how it gets there. */
export function emptyState({ title, message, hint }) {
  return h('div', { class: 'empty', role: 'status' },
    h('span', { class: 'empty-icon', 'aria-hidden': 'true' }),
    h('h2', {}, title),
    h('p', {}, message),
    hint ? h('p', { class: 'empty-hint' }, hint) : null);
}

export function errorState(error) {
  const forbidden = error.status === 403;
  return h('div', { class: `empty ${forbidden ? 'forbidden' : 'error'}`, role: 'alert' },
    h('h2', {}, forbidden ? 'Not yours to open' : 'The server could not answer'),
    h('p', {}, forbidden ? 'You can open only what your role allows: a learner sees their own record and who to ask.' : error.message),
    h('p', { class: 'empty-hint' }, forbidden ? `The server answered 403 Forbidden: ${error.message}.` : `Status ${error.status ?? 'unknown'}.`));
}

/** A view the signed-in role may not open (the server refuses its data too): why, and where to go instead. */
export function forbiddenState({ role, view, home }) {
  return h('div', { class: 'empty forbidden', role: 'alert', id: 'forbidden' },
    h('span', { class: 'empty-icon', 'aria-hidden': 'true' }),
    h('h2', {}, 'Not yours to open'),
    h('p', {}, `${view} is not open to your role (${role}). A learner sees their own record and who to ask; another person's record stays theirs.`),
    h('p', { class: 'empty-hint' }, h('a', { href: home.href }, `Go to ${home.label}`)));
}

/** A chart's box: the canvas ECharts draws in, and beside it (visually hidden) a table saying the same. */
export function chartBox({ label, height = 320, summary }) {
  const canvas = h('div', { class: 'chart', style: `height:${height}px`, role: 'img', 'aria-label': label });
  return { canvas, node: h('div', { class: 'chart-box' }, canvas, summary ? h('div', { class: 'visually-hidden' }, summary) : null) };
}

export function iconDownload() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  svg.innerHTML = '<path d="M8 2v8m0 0 3-3m-3 3L5 7M3 13h10" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>';
  return svg;
}

export function toast(message) {
  const element = document.getElementById('toast');
  element.textContent = message;
  element.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => element.classList.remove('show'), 4000);
}

/** A data: URL as a Blob (the page's policy lets fetch reach only this server). */
function dataUrlToBlob(url) {
  const [head, data] = url.split(',');
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5, head.indexOf(';')) });
}
