import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * Only the parts of ECharts the Barometer+ draws are bundled: line and bar charts, their grid, legend, tooltip,
 * and the aria component (a text description of each chart and decal patterns, so that colour is never the only
 * cue), drawn on canvas (which `getDataURL` turns into the PNG export).
 */
echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { echarts };

/** Series colours that keep 3:1 against both schemes' backgrounds; patterns and symbols tell them apart too. */
export const SERIES_COLORS = [
  '#1c7ed6',
  '#e8590c',
  '#2f9e44',
  '#ae3ec9',
  '#f08c00',
  '#0c8599',
  '#e03131',
  '#5c7cfa',
  '#74b816',
  '#868e96',
];

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];
const LINE_TYPES = ['solid', 'dashed', 'dotted'] as const;

/** A series of a chart: its label and values (null: suppressed, drawn as a gap, never as zero). */
export interface ChartSeries {
  name: string;
  values: Array<number | null>;
  /** A colour the values themselves name (a MID link's colour); otherwise the palette's. */
  color?: string;
}

/** The ECharts option for a line or (stacked) bar chart over categories (days, grounds, rules…). */
export function chartOption(input: {
  kind: 'line' | 'bar' | 'stacked-bar';
  categories: string[];
  series: ChartSeries[];
  dark: boolean;
  description: string;
  horizontal?: boolean;
  percent?: boolean;
}): echarts.EChartsCoreOption {
  const text = input.dark ? '#e9ecef' : '#212529';
  const grid = input.dark ? '#495057' : '#dee2e6';
  const categoryAxis = {
    type: 'category',
    data: input.categories,
    axisLabel: { color: text, hideOverlap: true },
    axisLine: { lineStyle: { color: grid } },
  };
  const valueAxis = {
    type: 'value',
    minInterval: 1,
    axisLabel: { color: text, ...(input.percent === true ? { formatter: '{value} %' } : {}) },
    splitLine: { lineStyle: { color: grid } },
  };
  return {
    backgroundColor: 'transparent',
    animation: false,
    color: SERIES_COLORS,
    textStyle: { color: text },
    aria: {
      enabled: true,
      label: { description: input.description },
      decal: { show: input.kind !== 'line' },
    },
    tooltip: { trigger: 'axis' },
    legend: {
      show: input.series.length > 1,
      type: 'plain',
      top: 0,
      textStyle: { color: text },
    },
    grid: { left: 8, right: 16, top: input.series.length > 1 ? 48 : 16, bottom: 8, containLabel: true },
    xAxis: input.horizontal === true ? valueAxis : categoryAxis,
    yAxis: input.horizontal === true ? { ...categoryAxis, inverse: true } : valueAxis,
    series: input.series.map((s, i) => ({
      name: s.name,
      type: input.kind === 'line' ? 'line' : 'bar',
      data: s.values.map((v) => (v === null ? '-' : v)),
      connectNulls: false,
      ...(s.color === undefined
        ? {}
        : { itemStyle: { color: s.color, borderColor: '#495057', borderWidth: 0.5 } }),
      ...(input.kind === 'line'
        ? {
            symbol: SYMBOLS[i % SYMBOLS.length],
            symbolSize: 6,
            lineStyle: { type: LINE_TYPES[i % LINE_TYPES.length], width: 2 },
          }
        : {}),
      ...(input.kind === 'stacked-bar' ? { stack: 'total' } : {}),
    })),
  };
}
