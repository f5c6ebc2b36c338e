import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A real CouchDB-protocol server for the team tests: PouchDB Server (npm) on 127.0.0.1, keeping
 * its data in a temporary folder so it can be stopped and started again with everything in it.
 * Its users and database are created before an admin is set: this server crashes when a
 * database is created with authentication on (pouchdb-server issue #374).
 */
export interface CouchServer {
  url: string;
  database: string;
  admin: { user: string; password: string };
  /** Requests the server logged (method, path, status), for telling a 409 happened. */
  log: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Any request as the admin; answers status and JSON. */
  request(method: string, path: string, body?: unknown, auth?: { user: string; password: string }): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export interface CouchUser {
  user: string;
  password: string;
  role: 'reps' | 'managers';
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const BIN = resolve('node_modules/.bin/pouchdb-server');

/** The validation function README.md gives for a team database, word for word. */
export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (userCtx.roles.indexOf('reps') === -1) throw({ forbidden: 'Only reps write to this database.' });
  if (newDoc._id.indexOf('kpi-pacer:week:') !== 0) throw({ forbidden: 'Only KPI Pacer weeks are kept here.' });
}`;

export async function startCouchServer(database: string, users: CouchUser[]): Promise<CouchServer> {
  const home = await mkdtemp(join(tmpdir(), 'kpi-couch-'));
  await mkdir(join(home, 'data'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = { user: 'admin', password: 'admin-secret' };
  const log: string[] = [];
  let child: ChildProcess | undefined;
  let useAuth = false;

  const request: CouchServer['request'] = async (method, path, body, auth) => {
    const who = auth ?? (useAuth ? admin : undefined);
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(who && { Authorization: `Basic ${Buffer.from(`${who.user}:${who.password}`).toString('base64')}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  };

  const start = async () => {
    // Its config file and log go to the working folder: the temporary one, which survives restarts.
    child = spawn(process.execPath, [BIN, '--dir', join(home, 'data'), '--host', '127.0.0.1', '--port', String(port)], {
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onLine = (chunk: Buffer) => {
      // eslint-disable-next-line no-control-regex
      for (const line of chunk.toString().split('\n')) if (line.trim()) log.push(line.replace(/\x1b\[[0-9;]*m/g, ''));
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server exited: ${log.slice(-5).join(' | ')}`);
      const up = await fetch(`${url}/`).then((r) => r.ok, () => false);
      if (up) return;
      if (Date.now() > deadline) throw new Error('pouchdb-server did not start in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
    // The port must refuse connections before "stopped" is true for the extension.
    const deadline = Date.now() + 10_000;
    while (await fetch(`${url}/`).then(() => true, () => false)) {
      if (Date.now() > deadline) throw new Error('pouchdb-server still answers after stopping');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  await start();
  const must = async (method: string, path: string, body?: unknown) => {
    const answer = await request(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  };
  await must('PUT', `/${database}`);
  for (const user of users) {
    await must('PUT', `/_users/org.couchdb.user:${user.user}`, { name: user.user, password: user.password, roles: [user.role], type: 'user' });
  }
  // Members (reps and managers) may read and write documents; only admins change design docs.
  await must('PUT', `/${database}/_security`, { admins: { names: [], roles: [] }, members: { names: [], roles: ['reps', 'managers'] } });
  // README's write rule: only reps write, and only KPI Pacer week documents; managers read.
  await must('PUT', `/${database}/_design/kpi-pacer`, { validate_doc_update: VALIDATE_DOC_UPDATE });
  await must('PUT', `/_config/admins/${admin.user}`, admin.password);
  useAuth = true;

  return {
    url,
    database,
    admin,
    log,
    stop,
    start,
    request,
    async close() {
      await stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}
