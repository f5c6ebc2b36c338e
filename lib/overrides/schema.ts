import { z } from 'zod';
import { AdapterIdSchema, AdapterSpecSchema, RecordKpiSchema } from '@/lib/crm/adapter-schema';
import { ADAPTERS } from '@/lib/crm/adapters';
import { matchPatternProblem, patternsOverlap } from '@/lib/crm/match-pattern';

const SHIPPED_IDS: ReadonlySet<string> = new Set(ADAPTERS.map((a) => a.id));

/**
 * The rep's own rules on top of the shipped adapters: object → KPI mappings, adapters they wrote,
 * custom domains and shipped adapters turned off. Stored as one validated value; every field is
 * bounded so an imported file cannot grow without limit.
 */

/**
 * One object of an adapter mapped to KPIs. `object` is a kind id of the adapter (contact, device…)
 * or a CRM object name as signals report it (HubSpot `2-1234`, Salesforce `Asset` or `Device__c`).
 * An empty `kpis` turns a default mapping off.
 */
export const ObjectMappingSchema = z
  .object({
    adapter: AdapterIdSchema,
    object: z
      .string()
      .min(1, 'an object name or kind id')
      .max(100)
      .regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only (an object name such as 2-1234 or Device__c)'),
    kpis: z
      .array(RecordKpiSchema)
      .max(5)
      .refine((kpis) => new Set(kpis).size === kpis.length, 'each KPI at most once'),
  })
  .strict();
export type ObjectMapping = z.infer<typeof ObjectMappingSchema>;

export const SitePatternSchema = z.string().superRefine((pattern, ctx) => {
  const problem = matchPatternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A domain the rep added (self-hosted Odoo, on-premises Dynamics…) and the adapter that reads it. */
export const CustomSiteSchema = z
  .object({
    /** A match pattern such as https://crm.dealer.example/* */
    pattern: SitePatternSchema,
    adapter: AdapterIdSchema,
  })
  .strict();
export type CustomSite = z.infer<typeof CustomSiteSchema>;

export const RulesSchema = z
  .object({
    mappings: z.array(ObjectMappingSchema).max(100).default([]),
    /** Adapters the rep wrote, validated by the same schema as the shipped ones. */
    adapters: z.array(AdapterSpecSchema).max(20).default([]),
    sites: z.array(CustomSiteSchema).max(50).default([]),
    /** Shipped adapters the rep turned off. */
    disabledAdapters: z.array(AdapterIdSchema).max(50).default([]),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.adapters.forEach((adapter, i) => {
      if (SHIPPED_IDS.has(adapter.id)) {
        ctx.addIssue({ code: 'custom', path: ['adapters', i, 'id'], message: `"${adapter.id}" is a shipped adapter: choose another id` });
      } else if (seen.has(adapter.id)) {
        ctx.addIssue({ code: 'custom', path: ['adapters', i, 'id'], message: `adapter id "${adapter.id}" is used twice` });
      }
      seen.add(adapter.id);
      for (const issue of shippedHostIssues(adapter)) ctx.addIssue({ code: 'custom', path: ['adapters', i, ...issue.path], message: issue.message });
    });
    const patterns = new Set<string>();
    rules.sites.forEach((site, i) => {
      if (patterns.has(site.pattern)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'pattern'], message: `"${site.pattern}" is listed twice` });
      patterns.add(site.pattern);
      if (!SHIPPED_IDS.has(site.adapter) && !seen.has(site.adapter)) {
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'adapter'], message: `unknown adapter "${site.adapter}"` });
      }
    });
  });
/**
 * A rep's adapter may read a shipped CRM's pages only when it says so (`replaces`), so a pasted or
 * imported adapter can never silently take over, say, every Odoo page. Returns the problems with
 * their field inside the adapter.
 */
export function shippedHostIssues(adapter: { hosts: readonly string[]; replaces?: string | undefined }): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  let claimsReplaced = false;
  adapter.hosts.forEach((host, j) => {
    for (const shipped of ADAPTERS.filter((a) => a.hosts.some((pattern) => patternsOverlap(pattern, host)))) {
      if (shipped.id === adapter.replaces) claimsReplaced = true;
      else {
        issues.push({
          path: ['hosts', j],
          message: `"${host}" is a host of the built-in ${shipped.name} adapter: add "replaces": "${shipped.id}" to read these pages instead of it, or use your own domain`,
        });
      }
    }
  });
  if (adapter.replaces !== undefined) {
    if (!SHIPPED_IDS.has(adapter.replaces)) {
      issues.push({ path: ['replaces'], message: `"${adapter.replaces}" is not a built-in CRM (${[...SHIPPED_IDS].join(', ')})` });
    } else if (!claimsReplaced) {
      issues.push({ path: ['replaces'], message: `none of the hosts belongs to the built-in "${adapter.replaces}" adapter` });
    }
  }
  return issues;
}

export type Rules = z.output<typeof RulesSchema>;
export type RulesInput = z.input<typeof RulesSchema>;

export function emptyRules(): Rules {
  return RulesSchema.parse({});
}

/** Turns zod issues into lines like `adapters.0.network.1.url: unsafe or invalid regex: …`. */
export function issueLines(error: z.ZodError, prefix: (string | number)[] = []): string[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    return `${path || '(file)'}: ${issue.message}`;
  });
}
