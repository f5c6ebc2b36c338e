import { readFile } from 'node:fs/promises';

/**
 * Serves the heavy CRM fixture on a real Salesforce hostname by request interception, so the
 * extensions' real manifest match patterns apply. Everything else over http(s) is aborted.
 */
export const CRM_ORIGIN = 'https://acme.lightning.force.com';
export const RECORD_URL = `${CRM_ORIGIN}/lightning/r/Contact/003Bc0000000001AAA/view`;

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** A JSON text of roughly `bytes` characters, like the record payloads Lightning receives. */
function payload(bytes, label) {
  const fields = {};
  for (let i = 0; JSON.stringify(fields).length < bytes; i += 1) {
    fields[`Field_${i}__c`] = { displayValue: null, value: `${label} value ${i} lorem ipsum dolor sit amet` };
  }
  return fields;
}

const READ_FIELDS = payload(8_000, 'read');
const REST_BODY = JSON.stringify({ apiName: 'Contact', id: '003Bc0000000001AAA', fields: payload(6_000, 'rest') });

export async function serveHeavyCrm(context) {
  const [html, script] = await Promise.all([
    readFile(new URL('heavy-crm.html', FIXTURES)),
    readFile(new URL('heavy-crm.js', FIXTURES)),
  ]);
  let nextId = 0;

  await context.route('**/*', async (route, request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return route.continue();
    if (url.origin !== CRM_ORIGIN) return route.abort('blockedbyclient');
    const method = request.method();
    if (method === 'GET' && url.pathname === '/__bench/heavy-crm.js') {
      return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script });
    }
    if (method === 'POST' && url.pathname === '/aura') {
      const message = JSON.parse(new URLSearchParams(request.postData() ?? '').get('message') ?? '{"actions":[]}');
      const actions = message.actions.map((a) => {
        if (a.descriptor.endsWith('ACTION$createRecord')) {
          nextId += 1;
          const id = `003Bc${String(nextId).padStart(10, '0')}`;
          const input = a.params.recordInput;
          const fields = Object.fromEntries(Object.entries(input.fields).map(([k, v]) => [k, { displayValue: null, value: v }]));
          return { id: a.id, state: 'SUCCESS', returnValue: { apiName: input.apiName, id, fields }, error: [] };
        }
        return { id: a.id, state: 'SUCCESS', returnValue: { apiName: 'Account', fields: READ_FIELDS }, error: [] };
      });
      return route.fulfill({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ actions, context: { mode: 'PROD' }, perfSummary: {} }),
      });
    }
    if (method === 'GET' && url.pathname.startsWith('/services/data/')) {
      return route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: REST_BODY });
    }
    if (method === 'GET') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in the benchmark fixture' });
  });
}
