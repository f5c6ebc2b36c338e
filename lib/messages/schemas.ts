import { z } from 'zod';
import { CurrencySchema, KpiIdSchema } from '@/lib/kpi/definitions';
import { DetectedRecordSchema, RecordRefSchema } from '@/lib/crm/record';
import { MonthSchema } from '@/lib/db/events';
import { SiteOriginSchema } from '@/lib/revenue/site-currency';
import { MAX_SIGNALS } from '@/lib/crm/page-signals';
import { RecordKpiSchema } from '@/lib/crm/adapter-schema';
import { TEACH_KINDS } from '@/lib/teach/recording';

/** What the rep is about to create while teaching, and the values they said they would type. */
export const TeachIntentSchema = z
  .object({
    kind: z.enum(TEACH_KINDS),
    kpi: RecordKpiSchema.optional(),
    customName: z.string().trim().min(1).max(40).optional(),
    email: z.string().trim().min(3).max(254).optional(),
    amount: z.number().finite().positive().max(1e12).optional(),
    confirm: z.boolean().optional(),
  })
  .strict()
  .refine((intent) => intent.kind !== 'custom' || intent.kpi !== undefined, 'a custom kind needs a KPI');

/** The tab a teaching message is about: the sidebar's own, or one Options names. */
const TeachTab = z.number().int().nonnegative().optional();

/**
 * Every message a content script or extension page sends to the background.
 * The background is the only writer: it parses each message with this schema and answers
 * malformed or unknown ones with an error, writing nothing.
 */
export const RequestSchema = z.discriminatedUnion('type', [
  /** Test build only (see HandlerDeps.acceptRecords): a detected record, to set up counts. */
  z.object({ type: z.literal('record-detected'), record: DetectedRecordSchema }),
  /** A CRM page: what it saw (requests and answers, route changes, success markers), in order; each signal is checked on its own. */
  z.object({ type: z.literal('page-signals'), signals: z.array(z.unknown()).min(1).max(MAX_SIGNALS) }),
  /** Sidebar: the records held because its tab created faster than by hand; count or discard them all. */
  z.object({ type: z.literal('held-records'), action: z.enum(['list', 'count', 'discard']) }),
  /** Sidebar, once loaded: what was counted as its page loaded (a server-rendered save), to say "counted · Undo". */
  z.object({ type: z.literal('sidebar-landed') }),
  /** Content script: a create form was submitted with a full page load (the URL is the sender's). */
  z.object({ type: z.literal('form-submitted'), hasEmail: z.boolean().optional() }),
  /** The rep counts something by hand (+1, or a revenue amount). */
  z.object({
    type: z.literal('add-manual'),
    kpi: KpiIdSchema.exclude(['visitors']),
    amount: z.number().finite().positive().max(1e12).optional(),
    currency: CurrencySchema.optional(),
  }),
  /** Remove one counted event (manual or detected). */
  z.object({ type: z.literal('undo'), key: z.string().min(1).max(300) }),
  /** The company's website visitors for a month. */
  z.object({ type: z.literal('set-visitors'), month: MonthSchema, value: z.number().int().nonnegative().max(1e9) }),
  /**
   * Popup and sidebar: the snapshot with what their first paint needs besides it (time zone,
   * week start, currency, this month's visitors figure, the last `recent` counted events).
   */
  z.object({ type: z.literal('view-data'), recent: z.number().int().positive().max(20) }),
  /** Options and popup: each KPI's last 12 weeks or months with its streak and best period. */
  z.object({ type: z.literal('history') }),
  /**
   * Sidebar, when expanded: the rep's time zone and currency, the last counted events, and the
   * record page open in the sidebar's tab (asked of that tab's content script).
   */
  z.object({ type: z.literal('sidebar-details'), recent: z.number().int().positive().max(20) }),
  /** Sidebar: count the open record toward a KPI by hand; idempotent per record and KPI. */
  z.object({
    type: z.literal('count-record'),
    record: RecordRefSchema,
    kpi: z.enum(['equotes', 'ecustomers', 'devices', 'revenue']),
    amount: z.number().finite().positive().max(1e12).optional(),
    currency: CurrencySchema.optional(),
  }),
  /** Sidebar: widen (or narrow back) its collapsed frame for a confirmation. */
  z.object({ type: z.literal('sidebar-frame'), toast: z.boolean(), question: z.boolean().optional() }),
  /** Options: store the rep's settings (validated again by the background, the only writer). */
  z.object({ type: z.literal('save-settings'), settings: z.unknown() }),
  /** Options: store the rep's rules (mappings, own adapters, custom domains, adapters turned off). */
  z.object({
    type: z.literal('save-rules'),
    rules: z.unknown(),
    /** Ids of switched-off adapters to drop from storage (they are kept otherwise). */
    forget: z.array(z.string().min(1).max(40)).max(20).optional(),
  }),
  /** Options: replace settings and rules from an imported file; both valid or nothing changes. */
  z.object({ type: z.literal('import-data'), settings: z.unknown(), rules: z.unknown() }),
  /** Evidence log: remove a counted record and never count its key again. */
  z.object({ type: z.literal('not-new-record'), key: z.string().min(1).max(300) }),
  /** Options: reverse "not a new record": the record counts again, its count comes back. */
  z.object({ type: z.literal('restore-record'), key: z.string().min(1).max(300) }),
  /** Popup: which of the rep's CRMs (and own domains) the browser does not let KPI Pacer read. */
  z.object({ type: z.literal('crm-access') }),
  /** Options: erase every count, figure, setting and rule. */
  z.object({ type: z.literal('delete-all-data'), confirm: z.literal('delete') }),
  /**
   * Content script, on load: what to watch on its page (see crm/page-plan), or null. `redirected`:
   * the browser got to the page by a redirect (a form submitted before it may have saved).
   */
  z.object({ type: z.literal('page-plan'), redirected: z.boolean().optional() }),
  /** Options or sidebar: the currency of amounts on a site whose pages do not name it. */
  z.object({ type: z.literal('set-site-currency'), site: SiteOriginSchema, currency: CurrencySchema }),
  /** Sidebar or Options (extension pages only): open a teaching window on a tab, for a save or for the edit check. */
  z.object({ type: z.literal('teach-start'), tabId: TeachTab, step: z.enum(['create', 'edit']), intent: TeachIntentSchema.optional() }),
  /** Where the tab's teaching stands: waiting, the proposal, the edit check's verdict. */
  z.object({ type: z.literal('teach-check'), tabId: TeachTab }),
  /** Save the proposed (or narrowed) rule as the rep's own adapter. */
  z.object({ type: z.literal('teach-save'), tabId: TeachTab }),
  /** Stop teaching on the tab; what it saw is dropped. */
  z.object({ type: z.literal('teach-cancel'), tabId: TeachTab }),
  /** Team page: every rep's weeks (team server and dropped files) and the manager's calendar. */
  z.object({ type: z.literal('team-view') }),
  /** Team page: weekly exports dropped by the manager; each file is taken whole or refused. */
  z.object({
    type: z.literal('team-import'),
    files: z.array(z.object({ name: z.string().max(300), text: z.string().max(5_000_000) })).min(1).max(50),
  }),
  /** Team page: forget every week that came from dropped files. */
  z.object({ type: z.literal('team-forget-imports') }),
  /** Options: the team server settings (without the password) and how the last send went. */
  z.object({ type: z.literal('team-sync-get') }),
  /** Options: store the team server settings (null removes them); an empty password keeps the stored one. */
  z.object({ type: z.literal('team-sync-save'), config: z.unknown() }),
  /** Options: send this rep's weeks to the team server now. */
  z.object({ type: z.literal('team-sync-now') }),
]);
export type Request = z.infer<typeof RequestSchema>;
export type RequestType = Request['type'];

/** Every answer has this envelope so a caller can tell a refusal from a result. */
export type Response<T = unknown> = { ok: true; data: T } | { ok: false; error: string };

/** Broadcast by the background to extension pages and CRM tabs after every write. */
export const ChangedNoticeSchema = z.object({
  type: z.literal('kpi-changed'),
  /** Events just counted (for "Contact counted · Undo" confirmations). */
  counted: z.array(z.object({ key: z.string(), kpi: KpiIdSchema, kind: z.string().optional() })).default([]),
  removed: z.array(z.string()).default([]),
  /** The tab whose page or sidebar caused the write; absent for writes from the popup or options. */
  tabId: z.number().int().optional(),
  /** Records from that tab held because they came faster than by hand. */
  held: z.number().int().nonnegative().optional(),
  /** Counts kept aside because the browser's storage is full. */
  waiting: z.number().int().nonnegative().optional(),
});
export type ChangedNotice = z.infer<typeof ChangedNoticeSchema>;
