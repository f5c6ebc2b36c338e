import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { FixtureDispatch } from '@/tests/e2e/lib/fixture-server';
import { startRedirectTarget } from '@/tests/e2e/lib/redirect-target';

/**
 * Firefox has no host-resolver flag and Debian's Firefox cannot be driven by Playwright's request
 * interception, so every request Firefox makes goes through this local proxy (set in the
 * profile's prefs). A CONNECT for any host is tunnelled to one local HTTPS server that answers
 * with the fixture dispatch of the moment; foreign hosts get 502, so nothing reaches the network.
 * Plain-HTTP requests are refused the same way.
 */
export interface FixtureProxy {
  port: number;
  /** Firefox prefs that send all http(s) traffic through the proxy. */
  prefs: Record<string, string | number | boolean>;
  use(dispatch: FixtureDispatch | null): void;
  close(): Promise<void>;
}

export async function startFixtureProxy(): Promise<FixtureProxy> {
  const target = await startRedirectTarget();
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const proxy: Server = createServer((_req, res) => res.writeHead(502).end());
  proxy.on('connection', track);
  proxy.on('connect', (_req, client: Socket, head: Buffer) => {
    const upstream = connect(target.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  return {
    port,
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.share_proxy_settings': false,
      // No DNS over HTTPS or lookups of its own: the proxy stands for every host.
      'network.trr.mode': 5,
      'network.dns.disablePrefetch': true,
    },
    use: (dispatch) => target.use(dispatch),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await target.close();
    },
  };
}
