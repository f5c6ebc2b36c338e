// The rule lives with the KPI model, where the popup's advice uses it too.
export { monthlyVisitorsTarget, monthsBelowTarget } from '@/lib/kpi/visitors';
