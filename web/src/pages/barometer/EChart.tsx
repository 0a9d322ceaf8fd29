import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

import { echarts } from './charts.ts';

/** What a parent may ask of a drawn chart: its picture, for the PNG export. */
export interface EChartHandle {
  dataUrl: (backgroundColor: string) => string | null;
}

/**
 * One ECharts instance in a div: created on mount, given each new option whole (`notMerge`), resized with its
 * box, disposed on unmount. (A dozen lines instead of `echarts-for-react`, whose package declares no module
 * type, so its ES build cannot be imported with correct types under Node's module resolution.)
 */
export function EChart({
  option,
  height,
  ref,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  ref?: Ref<EChartHandle>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (box.current === null) {
      return undefined;
    }
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(
    ref,
    () => ({
      dataUrl: (backgroundColor) =>
        chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor }) ?? null,
    }),
    [],
  );

  return <div ref={box} style={{ height, width: '100%' }} />;
}
