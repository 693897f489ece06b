import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { TCjkFont } from './font.ts';

/**
 * Chart images for the work summary: ECharts draws the chart as SVG on the server (no browser, no
 * canvas), and resvg rasterises it to PNG with the same CJK font as the text, so Word and PDF get the
 * same picture whatever fonts the reader's machine has.
 */

export type TChartImage = { title: string; png: Buffer; width: number; height: number };

const FONT_FAMILY = 'Noto Sans CJK SC, Source Han Sans SC, sans-serif';
/** Pixels of the SVG; the PNG is drawn at twice that for print. */
const WIDTH = 760;
const HEIGHT = 360;

/** Renders one ECharts option to a PNG with the CJK font. */
export function renderChartPng(
  option: echarts.EChartsCoreOption,
  font: TCjkFont,
  title: string,
): TChartImage {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    // Only the regular face: the charts use no bold, and each file is parsed on every render.
    const fontFiles = [font.path];
    const resvg = new Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'width', value: WIDTH * 2 },
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' },
    });
    return { title, png: resvg.render().asPng(), width: WIDTH, height: HEIGHT };
  } finally {
    chart.dispose();
  }
}

export type TBarSeries = { name: string; values: number[]; stack?: string };

/** A (stacked) bar chart over categories, horizontal when the category names are long. */
export function barChartOption(options: {
  categories: string[];
  series: TBarSeries[];
  horizontal?: boolean;
}): echarts.EChartsCoreOption {
  const category = { type: 'category', data: options.categories, axisLabel: { interval: 0, fontSize: 11 } };
  const value = { type: 'value', minInterval: 1 };
  return {
    legend: { top: 0 },
    grid: { left: options.horizontal ? 200 : 50, right: 30, top: 40, bottom: options.horizontal ? 30 : 70 },
    xAxis: options.horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: 20 } },
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: options.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      stack: s.stack,
      label: { show: !s.stack, position: options.horizontal ? 'right' : 'top' },
    })),
  };
}

/** A line chart of monthly series. */
export function lineChartOption(options: {
  months: string[];
  series: TBarSeries[];
}): echarts.EChartsCoreOption {
  return {
    legend: { top: 0 },
    grid: { left: 50, right: 30, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: options.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: options.series.map((s) => ({ type: 'line', name: s.name, data: s.values })),
  };
}
