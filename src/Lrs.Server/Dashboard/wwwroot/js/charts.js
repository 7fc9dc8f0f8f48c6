// Charts are Apache ECharts (vendored by the build). This module holds the look they share (the Okabe-Ito palette,
// safe for colour-blind readers, and larger type in projector mode) and keeps track of the charts on the page.
export const palette = {
  formal: '#0072B2',
  social: '#E69F00',
  experiential: '#009E73',
  system: '#8c8c8c',
  skyBlue: '#56B4E9',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  yellow: '#F0E442',
  ink: '#1d2733',
  muted: '#5b6776',
  grid: '#e3e8ef',
};

export const classColors = [palette.formal, palette.social, palette.experiential, palette.system];

const live = new Set();

export const projector = () => document.documentElement.classList.contains('projector');

function base() {
  const big = projector();
  const size = big ? 17 : 13;
  return {
    textStyle: { fontFamily: 'Inter, system-ui, sans-serif', fontSize: size, color: palette.ink },
    color: [palette.formal, palette.social, palette.experiential, palette.skyBlue, palette.vermillion, palette.purple, palette.yellow, palette.system],
    aria: { enabled: true },
    // People who ask their system for less motion get charts drawn at once.
    animation: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    animationDuration: 300,
    grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
    legend: { top: 4, left: 0, itemGap: 20, icon: 'roundRect', textStyle: { fontSize: size, color: palette.ink } },
    tooltip: { confine: true, textStyle: { fontSize: size }, borderColor: palette.grid },
  };
}

/** An axis in the shared style. */
export function axis(extra = {}) {
  const size = projector() ? 16 : 12;
  return {
    axisLine: { lineStyle: { color: '#aab4c0' } },
    axisTick: { show: false },
    axisLabel: { color: palette.muted, fontSize: size, hideOverlap: true },
    splitLine: { lineStyle: { color: palette.grid } },
    nameTextStyle: { color: palette.muted, fontSize: size },
    ...extra,
  };
}

/** Draws a chart into the element; the chart is resized with the window and disposed with the view. */
export function draw(element, option) {
  const chart = window.echarts.init(element, null, { renderer: 'canvas' });
  const theme = base();
  chart.setOption({
    ...theme,
    ...option,
    grid: { ...theme.grid, ...option.grid },
    legend: option.legend === false ? { show: false } : { ...theme.legend, ...option.legend },
    tooltip: { ...theme.tooltip, ...option.tooltip },
  });
  live.add(chart);
  return chart;
}

export function disposeAll() {
  for (const chart of live) chart.dispose();
  live.clear();
}

/** The chart as a PNG data URL on a white background, at twice the screen resolution for slides. */
export const png = (chart) => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });

window.addEventListener('resize', () => {
  for (const chart of live) chart.resize();
});
