export * from './ui-context';
export * from './StatusChip';
export * from './PaceBar';
export * from './KpiCard';
export * from './RevenueEntry';
export * from './VisitorsEntry';
export * from './kpi-format';
