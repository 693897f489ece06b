import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { TDashboardSegment } from '../../api/dashboard.ts';

// Only the charts and components the dashboard draws are bundled, not the whole of ECharts.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type TChartOption = echarts.EChartsCoreOption;

/** A data item that knows the segment a click on it drills into. */
export type TSegmentDatum = { value: number; name?: string; segment: TDashboardSegment };

export type TEChartProps = {
  option: TChartOption;
  onSegment: (segment: TDashboardSegment) => void;
  height?: number;
  testId: string;
};

/** One ECharts chart (SVG) whose clicks on a bar, sector or point report that item's segment. */
export function EChart({ option, onSegment, height = 320, testId }: TEChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onSegmentRef = useRef(onSegment);
  onSegmentRef.current = onSegment;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const datum = params.data as Partial<TSegmentDatum> | undefined;
      if (datum?.segment) onSegmentRef.current(datum.segment);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Users who ask the system for less motion get the charts drawn at once, without the growing bars.
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  return <div ref={element} style={{ width: '100%', height }} data-testid={testId} />;
}
