import Fastify from 'fastify';

/**
 * The HTTP floor: the same stack as the service (fastify, JSON body parsing, 1 MiB body limit,
 * keep-alive) on the same route, with a handler that does nothing but answer a fixed JSON body
 * as large as a real decision. Everything Portcullis adds shows up as the difference.
 */
export async function startFloorServer(responseBytes: number): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const answer = fixedAnswer(responseBytes);
  app.post('/v1/evaluate', async (_request, reply) => reply.type('application/json').send(answer));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the floor server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** A decision-shaped JSON string of exactly `bytes` characters (padded in `reasons`). */
export function fixedAnswer(bytes: number): string {
  const base = { decision_id: '00000000-0000-4000-8000-000000000000', decision: 'allow', status: 'decided', reasons: [''] };
  const pad = Math.max(0, bytes - JSON.stringify(base).length);
  return JSON.stringify({ ...base, reasons: ['x'.repeat(pad)] });
}
