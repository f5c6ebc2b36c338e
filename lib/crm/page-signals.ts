import { z } from 'zod';
import { MAX_BODY_BYTES } from '@/lib/page/hook-protocol';
import { MAX_FORM_BYTES, MAX_SIGNALS } from './page-plan';

export { MAX_FORM_BYTES, MAX_SIGNALS };

/**
 * What a CRM page's content script forwards to the background, which runs the detection engine
 * on it. Each signal is something the page saw, not a conclusion: the page could not count a
 * record by claiming one, only by showing a request and answer a rule accepts. Bodies arrive
 * capped in size by the hook; the background reads them once and keeps neither them nor the URLs.
 *
 * The page imports only the types (zod stays out of content scripts); the background parses
 * every signal with these schemas.
 */

const MAX_URL = 4096;

const Url = z.string().max(MAX_URL);

export const ExchangeSchema = z.object({
  method: z.string().min(1).max(10),
  url: Url,
  status: z.number().int().min(0).max(999),
  requestBody: z.string().max(MAX_BODY_BYTES).optional(),
  responseBody: z.string().max(MAX_BODY_BYTES).optional(),
  /** Header names in lower case; only those some rule reads. */
  responseHeaders: z
    .record(z.string().max(64), z.string().max(MAX_URL))
    .refine((headers) => Object.keys(headers).length <= 20, 'at most 20 headers')
    .optional(),
});

export const PageSignalSchema = z.discriminatedUnion('kind', [
  /**
   * A request a network rule names (or, while the rep teaches, any request with a body), with its
   * answer; `pageUrl` is the page when the answer came, `pageUrlBefore` when the request went out.
   */
  z.object({ kind: z.literal('exchange'), exchange: ExchangeSchema, pageUrl: Url, pageUrlBefore: Url.optional() }),
  /**
   * The page's URL changed (in-page navigation). `hasEmail` says whether a create form's email
   * input was filled; `viaLink` that the rep followed a link, which opens an existing record.
   * Sent after a short wait, so requests that prove the same record arrive first.
   */
  z.object({ kind: z.literal('route'), from: Url, to: Url, hasEmail: z.boolean().optional(), viaLink: z.boolean().optional() }),
  /** A success marker appeared: the plan's marker id, the page URL, and the attribute it names. */
  z.object({ kind: z.literal('marker'), rule: z.string().min(1).max(80), url: Url, value: z.string().max(MAX_URL).optional() }),
  /**
   * The rep made the browser navigate in a way a network rule with `navigation` names (the page
   * decides from method and URL alone): a native form submission (`via: 'form'`; its fields
   * form-encoded in `body`, hidden and read-only ones included; a GET's are also its URL's query) or a followed link
   * (`via: 'link'`, a GET whose query is its fields). `url` is where the browser was sent; the next
   * page of the tab says where it landed. `hasEmail` as for `route`.
   */
  z.object({
    kind: z.literal('navigation'),
    via: z.enum(['form', 'link']),
    method: z.enum(['GET', 'POST']),
    url: Url,
    body: z.string().max(MAX_FORM_BYTES).optional(),
    pageUrl: Url,
    hasEmail: z.boolean().optional(),
  }),
  /** A request that looked like a create (answered with a new id); method and URL only. */
  z.object({ kind: z.literal('probe'), method: z.string().min(1).max(10), url: Url }),
]);

export type PageSignal = z.infer<typeof PageSignalSchema>;
/** One request and its answer, as the page hook saw them; bodies already capped in size. */
export type Exchange = z.infer<typeof ExchangeSchema>;
