import { z } from 'zod';
import { expandDerivedRules } from './derived-rules';
import { parsePath } from './json-path';
import { regexProblem } from './safe-regex';
import { matchPatternProblem } from './match-pattern';

/**
 * The data an adapter is made of. Shipped adapters and user-written ones share this schema,
 * so every field is checked here with a message that names it: regexes are bounded,
 * JSON paths parse, ids are unique, every kind a rule names exists.
 */

/** KPIs a CRM record can feed (visitors come from analytics, never from a record). */
export const RECORD_KPIS = ['contacts', 'equotes', 'ecustomers', 'devices', 'revenue'] as const;
export const RecordKpiSchema = z.enum(RECORD_KPIS);
export type RecordKpi = z.infer<typeof RecordKpiSchema>;

/** An adapter's id (also a CRM's id in the rep's rules and in counted records). */
export const AdapterIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40');
const Slug = AdapterIdSchema;
/** A record kind's id in an adapter's `kinds` (also in counted records). */
export const KindIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lowercase kind id such as contact or deal-won');
const KindId = KindIdSchema;
const RuleId = z.string().regex(/^[a-z0-9][a-z0-9_.:-]{0,79}$/, 'lowercase rule id, at most 80 characters');

export const SafeRegexSchema = z.string().superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: `unsafe or invalid regex: ${problem}` });
});

export const JsonPathSchema = z.string().max(200).superRefine((path, ctx) => {
  try {
    parsePath(path);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `bad JSON path: ${(error as Error).message}` });
  }
});

const MatchPatternSchema = z.string().superRefine((pattern, ctx) => {
  const problem = matchPatternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A CSS selector, kept short; it is checked for syntax where a DOM exists. */
const SelectorSchema = z.string().min(1).max(300);

/**
 * A record page as a path (with query or hash if needed) on the CRM's own origin, e.g.
 * `/odoo/{action}/{id}`. `{id}` and `{object}` come from the record; any other name from a named
 * group of a route or `pageGroups` pattern matching the page where the record was created.
 */
export const UrlTemplateSchema = z
  .string()
  .max(300)
  .regex(/^\/(?:[^{}\s]|\{[A-Za-z_]\w{0,30}\})*$/, 'a path starting with / whose {placeholders} are names such as {id}')
  .refine((template) => template.includes('{id}'), 'a record URL needs {id}');

/**
 * Where one value is read from.
 * - request / response: the parsed body (Aura: the `message` field; form: the fields);
 * - requestItem / responseItem: the current element when a rule iterates over `items`;
 * - header: a response header (name is case-insensitive);
 * - url: a named group of the rule's URL regex.
 * - landing: rules with `navigation` only: a named group of `navigation.landing` (and of the
 *   marker's regex) on the page the browser landed on after the submission; without a group, that
 *   page's whole URL.
 * `regex` then narrows a string value to its group `v` (or `id`, or the first group).
 */
const SOURCE_PLACES = ['request', 'response', 'requestItem', 'responseItem', 'header', 'url', 'landing'] as const;
const isBodyPlace = (from: (typeof SOURCE_PLACES)[number]) => from !== 'header' && from !== 'url' && from !== 'landing';

export const SourceSchema = z
  .object({
    from: z.enum(SOURCE_PLACES),
    path: JsonPathSchema.optional(),
    header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'an HTTP header name').optional(),
    group: z.string().regex(/^[A-Za-z_]\w{0,30}$/, 'a named group of the rule url').optional(),
    regex: SafeRegexSchema.optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.from === 'header' && !source.header) {
      ctx.addIssue({ code: 'custom', path: ['header'], message: 'header sources need a header name' });
    }
    if (source.from === 'url' && !source.group && !source.regex) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'url sources need a group (or a regex)' });
    }
    if (isBodyPlace(source.from) && source.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: `${source.from} sources need a path ('' for the whole body)` });
    }
  });
export type Source = z.infer<typeof SourceSchema>;

/** Sources tried in order; the first that yields a value wins. */
const SourcesSchema = z.array(SourceSchema).min(1).max(8);

const ConditionValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/**
 * A test on one value. With a `[*]` path every value found must pass, unless `any` is set.
 * `absent` / `empty` pass when nothing is found; `ne` passes when nothing is found.
 */
export const ConditionSchema = z
  .object({
    from: z.enum(SOURCE_PLACES),
    path: JsonPathSchema.optional(),
    header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
    group: z.string().regex(/^[A-Za-z_]\w{0,30}$/).optional(),
    op: z.enum(['eq', 'ne', 'in', 'exists', 'absent', 'empty', 'nonEmpty', 'truthy', 'falsy', 'gt', 'matches', 'notMatches']),
    value: z.union([ConditionValue, z.array(ConditionValue).max(50)]).optional(),
    any: z.boolean().optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const needsValue = ['eq', 'ne', 'in', 'gt', 'matches', 'notMatches'].includes(condition.op);
    if (needsValue && condition.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `op "${condition.op}" needs a value` });
    }
    if (condition.op === 'in' && !Array.isArray(condition.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'op "in" needs an array' });
    }
    if (condition.op === 'gt' && typeof condition.value !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'op "gt" needs a number' });
    }
    if (condition.op === 'matches' || condition.op === 'notMatches') {
      const problem = typeof condition.value === 'string' ? regexProblem(condition.value) : 'needs a string pattern';
      if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: `unsafe or invalid regex: ${problem}` });
    }
    if (condition.from === 'header' && !condition.header) {
      ctx.addIssue({ code: 'custom', path: ['header'], message: 'header conditions need a header name' });
    }
    if (condition.from === 'url' && !condition.group) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'url conditions need a group' });
    }
    if (isBodyPlace(condition.from) && condition.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: `${condition.from} conditions need a path` });
    }
  });
export type Condition = z.infer<typeof ConditionSchema>;

const ConditionsSchema = z.array(ConditionSchema).max(12).default([]);

/**
 * How a rule is known to hold: `observed` on a real instance of the CRM (recorded exchanges),
 * `documented` in the vendor's public documentation or source, `assumed` from neither.
 * Shipped rules always say it (checked by the unit tests); a rep's own adapter may leave it out.
 */
export const EVIDENCE_LEVELS = ['observed', 'documented', 'assumed'] as const;
export const EvidenceSchema = z.enum(EVIDENCE_LEVELS);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const KindSchema = z
  .object({
    /** KPIs a record of this kind feeds. `contacts` also requires the record to have an email. */
    kpis: z.array(RecordKpiSchema).max(5).default([]),
    /** Names of the CRM object in any signal: object type id, apiName, model, tab, entity set. */
    objects: z.array(z.string().min(1).max(100)).max(50).default([]),
    /** Record-id prefixes that identify the object (Salesforce key prefixes such as 003). */
    idPrefixes: z.array(z.string().regex(/^[A-Za-z0-9]{1,5}$/)).max(20).default([]),
    /** For revenue kinds: the account's first record also counts a new e-customer (default on). */
    newCustomer: z.boolean().optional(),
  })
  .strict();
export type KindSpec = z.infer<typeof KindSchema>;

export const RouteSchema = z
  .object({
    id: RuleId,
    /** Fixed kind; without it the `(?<object>…)` group picks the kind through `kinds[].objects`. */
    kind: KindId.optional(),
    type: z.enum(['create-form', 'record']),
    path: SafeRegexSchema.optional(),
    search: SafeRegexSchema.optional(),
    hash: SafeRegexSchema.optional(),
    /** On a create form: input whose non-empty value means the record has an email (value never read out). */
    emailInput: SelectorSchema.optional(),
    /** Positive examples, tested against this route and as negatives against every other route. */
    testUrls: z.array(z.url().max(2048)).min(1).max(20),
    /**
     * On a record route: how to link a record that a request or marker reported. Tried in order;
     * the first whose values are all known and whose result a record route reads back wins.
     */
    recordUrl: z.array(UrlTemplateSchema).min(1).max(4).optional(),
    evidence: EvidenceSchema.optional(),
  })
  .strict()
  .superRefine((route, ctx) => {
    const parts = [route.path, route.search, route.hash].filter((p): p is string => p !== undefined);
    if (parts.length === 0) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a route needs path, search or hash' });
    if (route.recordUrl && route.type !== 'record') {
      ctx.addIssue({ code: 'custom', path: ['recordUrl'], message: 'only record routes build record URLs' });
    }
    if (route.type === 'record' && !parts.some((p) => p.includes('(?<id>'))) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'a record route needs an (?<id>…) group' });
    }
    // A record route may leave the kind to its id's prefix (kinds[].idPrefixes).
    if (!route.kind && route.type === 'create-form' && !parts.some((p) => p.includes('(?<object>'))) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'give a kind or an (?<object>…) group' });
    }
  });
export type RouteSpec = z.infer<typeof RouteSchema>;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const NetworkRuleSchema = z
  .object({
    id: RuleId,
    methods: z.array(z.enum(HTTP_METHODS)).min(1).max(5),
    /** Tested against the absolute request URL (at most 4 KB). */
    url: SafeRegexSchema,
    /**
     * json: JSON bodies. jsonrpc: JSON-RPC 2.0, 1.1 and 1.0 (the version member is not needed),
     * a response `error` other than null means failure; a batch (array) response counts nothing.
     * form-aura: form-encoded request whose `message` field is JSON, response parsed from its first `{`.
     * odata: JSON bodies, 204 responses with headers only. graphql: a response `errors` means failure.
     * form: a form-encoded request read as an object of fields.
     */
    format: z.enum(['json', 'jsonrpc', 'form-aura', 'odata', 'graphql', 'form']),
    /** Fixed kind; otherwise `read.object` (or the id prefix) picks it through `kinds`. */
    kind: KindId.optional(),
    /** Iterate over several records in one exchange (Aura actions, Zoho data[]). */
    items: z
      .object({
        request: JsonPathSchema.optional(),
        response: JsonPathSchema.optional(),
        /** Pair request and response items by this field when both carry it, else by position. */
        pairBy: JsonPathSchema.optional(),
      })
      .strict()
      .optional(),
    /** Which exchanges the rule is about at all (e.g. the Aura action's descriptor). */
    when: ConditionsSchema,
    /** What makes it a create rather than an edit (e.g. Odoo web_save with no ids). */
    createIf: ConditionsSchema,
    /** What success looks like beyond HTTP 2xx (e.g. Aura state SUCCESS, Zoho code SUCCESS). */
    successIf: ConditionsSchema,
    read: z
      .object({
        recordId: SourcesSchema,
        object: SourcesSchema.optional(),
        /** Presence only: the value is never kept. */
        email: SourcesSchema.optional(),
        /** The amount without tax where the CRM tells both apart, else the amount it gives. */
        amount: SourcesSchema.optional(),
        /** The amount with tax, where the CRM gives it beside the untaxed one. */
        amountWithTax: SourcesSchema.optional(),
        currency: SourcesSchema.optional(),
        accountId: SourcesSchema.optional(),
        status: SourcesSchema.optional(),
      })
      .strict(),
    /** With `read.status`: the record counts only in one of these states (e.g. won, sale). */
    statusIn: z.array(z.string().min(1).max(60)).min(1).max(20).optional(),
    /**
     * The request is the browser's own navigation, not fetch/XHR (server-rendered CRMs), on the
     * page's own origin (`apiHosts` do not apply): a native form submission (POST or GET) whose
     * fields are read as the request (`format: "form"`), or a followed GET link whose query is read as the request (a confirmation such as
     * `?action=confirm_validate&confirm=yes`). Its answer is the page the browser lands on: the
     * save worked only when the browser was sent on (a redirect) to a page `landing` matches; a
     * form shown again at the address it was sent to (a failed save, HTTP 200) never counts.
     * `landing`'s named groups (e.g. `(?<id>\d+)`) are read with `{"from": "landing", "group": …}`.
     * `marker`: a DOM rule (recordFrom element) that shows the new record on the landing page when
     * its address names none (a contact added from a company's tab, sent back to the company);
     * its regex's named groups join the landing groups, and that DOM rule counts only this way.
     */
    navigation: z
      .object({
        landing: SafeRegexSchema,
        marker: RuleId.optional(),
      })
      .strict()
      .optional(),
    /** Only remember amount/currency/account for later rules (e.g. an order read before its confirmation). */
    observeOnly: z.boolean().optional(),
    evidence: EvidenceSchema.optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.statusIn && !rule.read.status) {
      ctx.addIssue({ code: 'custom', path: ['read', 'status'], message: 'statusIn needs read.status' });
    }
    const usesItems = JSON.stringify([rule.read, rule.when, rule.createIf, rule.successIf]);
    if (rule.navigation) {
      if (rule.format !== 'form') ctx.addIssue({ code: 'custom', path: ['format'], message: 'a rule with navigation reads the submitted form: use format "form"' });
      if (rule.methods.some((method) => method !== 'GET' && method !== 'POST')) {
        ctx.addIssue({ code: 'custom', path: ['methods'], message: 'a browser navigation is a GET or a POST' });
      }
      if (rule.items) ctx.addIssue({ code: 'custom', path: ['items'], message: 'a form submission holds one record: no items' });
      if (/"from":"(response|responseItem|header)"/.test(usesItems)) {
        ctx.addIssue({ code: 'custom', path: ['read'], message: 'a navigation has no response body or headers to read: use request, url or landing' });
      }
    } else if (/"from":"landing"/.test(usesItems)) {
      ctx.addIssue({ code: 'custom', path: ['navigation'], message: 'landing sources need `navigation`' });
    }
    if (/"from":"(request|response)Item"/.test(usesItems) && !rule.items) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'item sources need `items`' });
    }
  });
export type NetworkRuleSpec = z.infer<typeof NetworkRuleSchema>;

export const DomRuleSchema = z
  .object({
    id: RuleId,
    /** The success marker, e.g. a toast; prefer structural attributes to text. */
    selector: SelectorSchema,
    kind: KindId.optional(),
    /** Ignore markers in hidden views (hidden tabs stay in the DOM). */
    visibleOnly: z.boolean().default(true),
    /** Count only while a create form of the same kind is open (toasts that also follow edits). */
    requireCreateForm: z.boolean().optional(),
    /**
     * Where the record id comes from: the current page's record route, or an attribute
     * of an element inside the marker (e.g. a link's href) narrowed by a regex with (?<id>…).
     */
    recordFrom: z.discriminatedUnion('from', [
      z.object({ from: z.literal('route') }).strict(),
      z
        .object({
          from: z.literal('element'),
          selector: SelectorSchema.optional(),
          attribute: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
          regex: SafeRegexSchema,
        })
        .strict(),
    ]),
    evidence: EvidenceSchema.optional(),
  })
  .strict();
export type DomRuleSpec = z.infer<typeof DomRuleSchema>;

const AdapterObjectSchema = z
  .object({
    id: Slug,
    name: z.string().min(1).max(80),
    hosts: z.array(MatchPatternSchema).min(1).max(30),
    /**
     * A rep's adapter whose hosts overlap a shipped CRM's must name that CRM here (e.g. "odoo"):
     * it then reads those pages instead of the shipped adapter. Without it the overlap is refused.
     */
    replaces: Slug.optional(),
    /**
     * Hosts other than the page's own that the CRM's web app sends its create requests to
     * (e.g. a separate API host). Network rules apply to the page's own origin and these only.
     */
    apiHosts: z.array(MatchPatternSchema).max(10).optional(),
    kinds: z.record(KindId, KindSchema).refine((kinds) => Object.keys(kinds).length > 0, 'at least one kind'),
    routes: z.array(RouteSchema).max(60).default([]),
    network: z.array(NetworkRuleSchema).max(60).default([]),
    dom: z.array(DomRuleSchema).max(30).default([]),
    /** Make ids from different signals comparable (Dynamics GUIDs in braces or upper case). */
    idNormalize: z.array(z.enum(['lowercase', 'strip-braces'])).max(2).default([]),
    /**
     * Patterns on the page's path, query and hash whose named groups fill record URLs on pages no
     * route matches (e.g. HubSpot's portal id on an object list).
     */
    pageGroups: z.array(SafeRegexSchema).max(10).default([]),
    /** Object names as requests report them → as record URLs write them (Pipedrive `persons` → `person`). */
    urlObjects: z
      .record(z.string().min(1).max(100), z.string().regex(/^[\w.-]{1,100}$/, 'an object name as URLs write it'))
      .refine((names) => Object.keys(names).length <= 50, 'at most 50 names')
      .optional(),
  })
  .strict()
  .superRefine((adapter, ctx) => {
    const seen = new Map<string, string>();
    const checkId = (id: string, where: (string | number)[]) => {
      const previous = seen.get(id);
      if (previous) ctx.addIssue({ code: 'custom', path: where, message: `rule id "${id}" is already used by ${previous}` });
      else seen.set(id, where.join('.'));
    };
    const checkKind = (kind: string | undefined, where: (string | number)[]) => {
      if (kind !== undefined && !Object.hasOwn(adapter.kinds, kind)) {
        ctx.addIssue({ code: 'custom', path: where, message: `unknown kind "${kind}" (not in kinds)` });
      }
    };
    adapter.routes.forEach((r, i) => {
      checkId(r.id, ['routes', i, 'id']);
      checkKind(r.kind, ['routes', i, 'kind']);
    });
    adapter.network.forEach((r, i) => {
      checkId(r.id, ['network', i, 'id']);
      checkKind(r.kind, ['network', i, 'kind']);
    });
    adapter.dom.forEach((r, i) => {
      checkId(r.id, ['dom', i, 'id']);
      checkKind(r.kind, ['dom', i, 'kind']);
    });
    adapter.network.forEach((r, i) => {
      const marker = r.navigation?.marker;
      if (marker === undefined) return;
      const dom = adapter.dom.find((d) => d.id === marker);
      if (!dom || dom.recordFrom.from !== 'element') {
        ctx.addIssue({ code: 'custom', path: ['network', i, 'navigation', 'marker'], message: `"${marker}" is not a dom rule that reads the record from an element` });
      }
    });
  });

/**
 * An adapter. Its network rules may be written as variants of earlier ones (`extends`, see
 * derived-rules.ts): they are written out in full before anything else is checked.
 */
export const AdapterSpecSchema = z.preprocess((input, ctx) => {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { network?: unknown }).network)) return input;
  const network = (input as { network: unknown[] }).network;
  const expanded = expandDerivedRules(network);
  expanded.forEach((rule, i) => {
    const base = (rule as { extends?: unknown } | null)?.extends;
    if (base !== undefined) ctx.addIssue({ code: 'custom', path: ['network', i, 'extends'], message: `no earlier rule "${String(base)}" to extend`, input: base });
  });
  return { ...input, network: expanded };
}, AdapterObjectSchema);

/** An adapter as written out (defaults may be left out). */
export type AdapterInput = z.input<typeof AdapterObjectSchema>;
/** An adapter after validation (defaults filled in). */
export type AdapterSpec = z.output<typeof AdapterObjectSchema>;

/** Validates an adapter; on failure returns messages like `network.0.url: unsafe or invalid regex: …`. */
export function validateAdapter(input: unknown): { ok: true; adapter: AdapterSpec } | { ok: false; errors: string[] } {
  const result = AdapterSpecSchema.safeParse(input);
  if (result.success) return { ok: true, adapter: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${issue.path.join('.') || '(adapter)'}: ${issue.message}`),
  };
}
