import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FixtureDispatch } from './fixture-server';

let certificate: { key: Buffer; cert: Buffer } | undefined;

/** A throw-away self-signed certificate, made once per test process (nothing trusts it). */
function testCertificate(): { key: Buffer; cert: Buffer } {
  if (!certificate) {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-e2e-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=kpi-pacer-e2e-fixtures'], { stdio: 'ignore' });
    certificate = { key: readFileSync(key), cert: readFileSync(cert) };
  }
  return certificate;
}

/**
 * A local HTTPS server every host resolves to (`--host-resolver-rules`). It only ever sees the
 * requests request interception does not route: those that follow a fulfilled redirect (a
 * server-rendered form POST answered with 302). It answers them with the same fixture dispatch;
 * with no fixture registered, or for a foreign origin, it answers 502.
 */
export interface RedirectTarget {
  port: number;
  /** Chromium flags that send every https host here (the certificate is self-signed). */
  chromiumArgs: string[];
  use(dispatch: FixtureDispatch | null): void;
  close(): Promise<void>;
}

export async function startRedirectTarget(): Promise<RedirectTarget> {
  let current: FixtureDispatch | null = null;
  const server: Server = createServer(
    testCertificate(),
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
        const url = `https://${req.headers.host ?? 'unknown'}${req.url ?? '/'}`;
        const reply = current ? await current({ method: req.method ?? 'GET', url, headers, body: Buffer.concat(chunks).toString('utf8') }) : null;
        if (!reply) {
          res.writeHead(502).end();
          return;
        }
        res.writeHead(reply.status, reply.headers).end(reply.body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    // 127.0.0.1 itself stays reachable: the team tests run a CouchDB-protocol server there.
    chromiumArgs: [`--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`],
    use(dispatch) {
      current = dispatch;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
