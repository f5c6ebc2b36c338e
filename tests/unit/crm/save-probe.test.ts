import { describe, expect, it, vi } from 'vitest';
import { answersNewId, installSaveProbe, type SaveProbe } from '@/lib/page/save-probe';

describe('save probe', () => {
  it('sees a new id in the answer only when the request did not carry it', () => {
    expect(answersNewId('{"id": 77}', '{"name":"x"}', 'https://crm.example/api/printers')).toBe(true);
    expect(answersNewId('{"data":{"id":"a1b2"}}', 'name=x', 'https://crm.example/api/printers')).toBe(true);
    expect(answersNewId('{"jsonrpc":"2.0","result":[{"id":12}]}', '{"params":{"args":[[],{}]}}', 'https://crm.example/rpc')).toBe(true);
    // The JSON-RPC envelope's id numbers the call (and is in the request): the record's id counts.
    expect(answersNewId('{"jsonrpc":"2.0","id":1,"result":{"id":42}}', '{"id":1,"jsonrpc":"2.0","params":{"serial":"x"}}', 'https://crm.example/enroll')).toBe(true);
    expect(answersNewId('{"jsonrpc":"2.0","id":1,"result":{"value":{}}}', '{"id":1}', 'https://crm.example/onchange')).toBe(false);
    // Edits: the id is in the URL or the request.
    expect(answersNewId('{"id": 77}', '{}', 'https://crm.example/api/printers/77')).toBe(false);
    expect(answersNewId('{"result":[{"id":7}]}', '{"params":{"args":[[7],{"phone":"1"}]}}', 'https://crm.example/rpc')).toBe(false);
    expect(answersNewId('{"id": 77}', 'id=77&name=x', 'https://crm.example/save')).toBe(false);
    // No id, not JSON, or something else entirely.
    expect(answersNewId('{"result":{"value":{}}}', '{}', 'https://crm.example/rpc')).toBe(false);
    expect(answersNewId('<html>', '', 'https://crm.example/')).toBe(false);
    expect(answersNewId('{"id":{"nested":1}}', '', 'https://crm.example/')).toBe(false);
  });

  it('reports method and URL of a same-origin write answered with a new id, and passes every call through', async () => {
    const reports: SaveProbe[] = [];
    const answers: Record<string, Response> = {};
    const target = {
      location: { href: 'https://crm.example/printers/new' },
      fetch: (async (input: RequestInfo | URL) => answers[String(input)] ?? new Response('{}', { headers: { 'content-type': 'application/json' } })) as typeof fetch,
    };
    installSaveProbe(target, (probe) => reports.push(probe));
    const json = (body: unknown, status = 201) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    answers['/api/printers'] = json({ id: 77 });
    answers['https://other.example/api/x'] = json({ id: 78 });
    answers['/api/failed'] = json({ id: 79 }, 500);
    answers['/api/read'] = json({ id: 80 });
    const page = [
      await target.fetch('/api/printers', { method: 'POST', body: '{"model":"MFP"}' }),
      await target.fetch('https://other.example/api/x', { method: 'POST', body: '{}' }),
      await target.fetch('/api/failed', { method: 'POST', body: '{}' }),
      await target.fetch('/api/read'),
    ];
    // The page still reads its own answers.
    expect(await page[0]!.json()).toEqual({ id: 77 });
    // A last create, answered after all of the above: once it is reported, they all were looked at.
    answers['/api/last'] = json({ id: 81 });
    await target.fetch('/api/last', { method: 'PUT', body: '{}' });
    await vi.waitFor(() => expect(reports.at(-1)?.url).toBe('https://crm.example/api/last'));
    expect(reports.map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://crm.example/api/printers', 'PUT https://crm.example/api/last']);
  });
});
