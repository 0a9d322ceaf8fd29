import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDemoUsers } from '../../src/contexts/access/index.ts';
import { buildApp } from '../../src/app.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, testConfig, type TestDatabase } from './db.ts';

/** One API node: its own process state (services, data directory), the shared database. */
export interface ApiNode {
  readonly name: string;
  /** The node's own address, bypassing the proxy. */
  readonly url: string;
  readonly services: Services;
  close(): Promise<void>;
}

export interface ApiCluster {
  /** The load balancer in front of the nodes. */
  readonly url: string;
  readonly nodes: readonly ApiNode[];
  readonly database: TestDatabase;
  /** Environment every node shares (the database, the audit key). */
  readonly env: Record<string, string>;
  /** Requests forwarded to each node so far, by node name. */
  readonly forwarded: Record<string, number>;
  close(): Promise<void>;
}

/** Header that pins a request to one node (by name) at the proxy; without it the proxy takes turns. */
export const NODE_HEADER = 'x-test-node';

/**
 * Several API nodes on one PostgreSQL database behind a small HTTP load balancer, as in docs/operations.md:
 * each node has its own data directory and in-process state; the database, the audit key and the trusted
 * proxy are shared. The proxy takes turns (round robin), or sends a request to the node named in
 * {@link NODE_HEADER}, and adds `X-Forwarded-For` as a real load balancer does.
 */
export async function startApiCluster(
  options: {
    nodes?: number;
    /** Extra environment for every node. */
    env?: Record<string, string>;
    /** Create the demo users (once, through the first node). Default true. */
    demo?: boolean;
  } = {},
): Promise<ApiCluster> {
  const count = options.nodes ?? 2;
  const database = await createTestDatabase('postgres');
  const env: Record<string, string> = {
    // One audit key for every node: the chain is one chain (docs/operations.md).
    INTERLINK_AUDIT_KEY: randomBytes(32).toString('base64url'),
    INTERLINK_TRUST_PROXY: '127.0.0.1',
    ...options.env,
  };
  const nodes: ApiNode[] = [];
  const dirs: string[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const name = String.fromCharCode(97 + i);
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `interlink-node-${name}-`));
      dirs.push(dataDir);
      // Nodes start one after the other, as in a rolling start: migrations run once, then find nothing to do.
      const services = await createServices(testConfig(database, { ...env, INTERLINK_DATA_DIR: dataDir }));
      if (i === 0 && options.demo !== false) {
        await createDemoUsers(services.access);
      }
      const { app } = await buildApp(services);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      nodes.push({
        name,
        url,
        services,
        async close() {
          await app.close();
          await services.close();
        },
      });
    }
  } catch (err) {
    for (const n of nodes) {
      await n.close();
    }
    await database.drop();
    throw err;
  }

  const forwarded: Record<string, number> = Object.fromEntries(nodes.map((n) => [n.name, 0]));
  let turn = 0;
  const proxy = http.createServer((req, res) => {
    const pinned = req.headers[NODE_HEADER];
    const node =
      typeof pinned === 'string' ? nodes.find((n) => n.name === pinned) : nodes[turn++ % nodes.length];
    if (node === undefined) {
      res.writeHead(502).end('no such node');
      return;
    }
    forwarded[node.name] = (forwarded[node.name] ?? 0) + 1;
    const target = new URL(node.url);
    const given = req.headers['x-forwarded-for'];
    const client = req.socket.remoteAddress ?? '127.0.0.1';
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          'x-forwarded-for': typeof given === 'string' ? `${given}, ${client}` : client,
        },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502);
      }
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    nodes,
    database,
    env,
    forwarded,
    async close() {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      });
      for (const n of nodes) {
        await n.close();
      }
      await database.drop();
      for (const d of dirs) {
        rmSync(d, { recursive: true, force: true });
      }
    },
  };
}
