import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, type Server } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../core/logger';

/**
 * What graphql-ws' server knows of a socket besides the protocol (`ctx.extra`): the socket, and what was needed
 * of the upgrade request (not the request itself, which a long-lived socket would keep alive with its headers).
 */
export interface SocketExtra {
  readonly socket: WebSocket;
}

/**
 * graphql-ws' protocol server (`makeServer`) on a `ws` server: graphql-ws' own `use/ws` binding, rewritten where
 * it did not fit a production gateway: its errors went to `console.error` (a client sending a broken frame could
 * fill stderr), now to the log at debug level (ws closes such a socket itself with the right code); a send on a
 * socket that closed meanwhile settles instead of failing the operation. The heartbeat is the binding's: a ping
 * every `heartbeatMs`, and a socket with no pong by then is cut.
 */
export function serveGraphqlWs<E extends SocketExtra>(
  wss: WebSocketServer,
  server: Server<E>,
  options: { heartbeatMs: number; logger: Logger; extraOf(socket: WebSocket, request: IncomingMessage): E },
): void {
  const { heartbeatMs, logger } = options;
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket, request) => {
    socket.on('error', (err) => logger.debug({ err }, 'subscription socket error'));
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), heartbeatMs);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, heartbeatMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, () => resolve());
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (err) {
              logger.error({ err }, 'subscription message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      options.extraOf(socket, request),
    );
    socket.once('close', (code, reason) => {
      clearInterval(ping);
      clearTimeout(pongWait);
      closed(code, String(reason)).catch((err: unknown) =>
        logger.error({ err }, 'closing a subscription socket failed'),
      );
    });
  });
}
