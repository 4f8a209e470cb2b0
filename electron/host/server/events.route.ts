import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { EventMessage } from '../../../shared/bridge.ts';
import { events, type EventName } from '../../../shared/events.ts';
import type { KindredCore } from '../../core/app.ts';
import { RESOURCE_CSP } from './csp.ts';

const PING_MS = 15_000;

/**
 * GET /events: every core event as a server-sent event, `event: <name>` and `data: {event, payload}`.
 * Subscribes to every name in the shared `events` map, so new events flow without changes here.
 * Open streams are ended when the server closes, so close() never waits on a browser tab.
 */
export function eventsRoute(app: FastifyInstance, core: KindredCore): void {
  const open = new Set<ServerResponse>();

  app.get('/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': RESOURCE_CSP,
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.write('retry: 2000\n: kindred events\n\n');
    const send = (event: EventName, payload: unknown) => {
      const message: EventMessage = { event, payload };
      res.write(`event: ${event}\ndata: ${JSON.stringify(message)}\n\n`);
    };
    const offs = (Object.keys(events) as EventName[]).map((name) => core.on(name, (payload) => send(name, payload)));
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    open.add(res);
    req.raw.on('close', () => {
      clearInterval(ping);
      offs.forEach((off) => off());
      open.delete(res);
    });
  });

  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
}
