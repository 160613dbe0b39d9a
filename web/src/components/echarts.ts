// Only the ECharts parts the platform uses (tree-shaken), loaded with the pages that draw charts only:
// the dashboard (map, bars, lines) and the case page (the transmission graph).
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([MapChart, BarChart, LineChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
export type { ECharts, EChartsCoreOption } from 'echarts/core';
