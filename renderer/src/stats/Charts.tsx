import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/**
 * Charts of the Chiffres screen, drawn with recharts. Made to be read on
 * paper as well as on screen: black text and outlines, every bar labelled
 * with its value, and where several series share a bar they differ by a
 * pattern (and a legend), never by colour alone. No animation (a printed
 * page would catch it halfway) and no tooltip: the table that follows each
 * chart holds the same figures for screen readers and the keyboard, so the
 * chart itself is one image with a name.
 */

const INK = '#1b1f24';
const BAR = '#1f4e8c';

export interface BarDatum {
  label: string;
  value: number;
}

/** The patterns the stacked bars use; one small hidden SVG, referenced by url(#…) from every chart. */
export function ChartPatterns() {
  return (
    <svg className="stats-patterns" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="stats-pattern-solid" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={BAR} />
        </pattern>
        <pattern id="stats-pattern-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#ffffff" />
          <rect width="3" height="8" fill={INK} />
        </pattern>
        <pattern id="stats-pattern-dots" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#ffffff" />
          <circle cx="4" cy="4" r="2" fill={INK} />
        </pattern>
      </defs>
    </svg>
  );
}

function ChartFrame({ label, height, children }: { label: string; height: number; children: ReactElement }) {
  return (
    <div className="stats-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

const tick = { fill: INK, fontSize: 13 };

/** Bars standing up, one per row, for short labels: months. */
export function ColumnChart({ data, label }: { data: BarDatum[]; label: string }) {
  return (
    <ChartFrame label={label} height={280}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 24, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#c9d1dc" />
        <XAxis dataKey="label" tick={tick} interval={0} stroke={INK} />
        <YAxis allowDecimals={false} tick={tick} stroke={INK} width={40} />
        <Bar dataKey="value" fill={BAR} stroke={INK} isAnimationActive={false}>
          <LabelList dataKey="value" position="top" fill={INK} fontSize={13} />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

/** Bars lying down, for long labels: channels, categories. */
export function RowChart({ data, label, labelWidth = 240 }: { data: BarDatum[]; label: string; labelWidth?: number }) {
  return (
    <ChartFrame label={label} height={Math.max(120, 36 * data.length + 40)}>
      <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
        <CartesianGrid horizontal={false} stroke="#c9d1dc" />
        <XAxis type="number" allowDecimals={false} tick={tick} stroke={INK} />
        <YAxis type="category" dataKey="label" tick={tick} width={labelWidth} interval={0} stroke={INK} />
        <Bar dataKey="value" fill={BAR} stroke={INK} isAnimationActive={false}>
          <LabelList dataKey="value" position="right" fill={INK} fontSize={13} />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

export interface StackSeries {
  key: string;
  name: string;
  pattern: 'solid' | 'hatch' | 'dots';
}

/** Bars lying down, split into series told apart by pattern and legend: sessions by outcome. */
export function StackedRowChart({
  data,
  series,
  label,
}: {
  data: Array<Record<string, string | number>>;
  series: StackSeries[];
  label: string;
}) {
  return (
    <ChartFrame label={label} height={Math.max(140, 40 * data.length + 80)}>
      <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
        <CartesianGrid horizontal={false} stroke="#c9d1dc" />
        <XAxis type="number" allowDecimals={false} tick={tick} stroke={INK} />
        <YAxis type="category" dataKey="label" tick={tick} width={240} interval={0} stroke={INK} />
        <Legend wrapperStyle={{ color: INK }} itemSorter={null} />
        {series.map((item) => (
          <Bar
            key={item.key}
            dataKey={item.key}
            name={item.name}
            stackId="outcome"
            fill={`url(#stats-pattern-${item.pattern})`}
            stroke={INK}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
