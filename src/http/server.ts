import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import type { HttpResponse, HttpRoute } from "./route.ts";

/** A webhook update is a few kilobytes: a route reads no more than this unless it says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** How long close() lets in-flight requests finish before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * What one sender can make the server hold: platforms send small bodies quickly, so a slow or
 * endless request is cut early and the connections open at once are capped (every one can hold at
 * most a route's body cap, so memory stays bounded whatever arrives before authentication).
 */
export interface HttpLimits {
  maxConnections: number;
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { maxConnections: 256, headersTimeoutMs: 10_000, requestTimeoutMs: 15_000 };

export interface HttpServerOptions {
  /** 0 picks a free port; the returned `port` is the real one. */
  port: number;
  host?: string;
  routes: HttpRoute[];
  logger: Logger;
  limits?: Partial<HttpLimits>;
}

export interface RunningHttpServer {
  port: number;
  /** Stops accepting connections and resolves once in-flight requests have been answered. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger } = options;
  const routesByPath = new Map<string, HttpRoute[]>();
  for (const route of options.routes) {
    routesByPath.set(route.path, [...(routesByPath.get(route.path) ?? []), route]);
  }
  let shuttingDown = false;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<HttpResponse> {
    const path = (request.url ?? "/").split("?", 1)[0] ?? "/";
    const candidates = routesByPath.get(path);
    if (!candidates) return { status: 404, body: "Not Found" };
    const route = candidates.find((candidate) => candidate.method === request.method);
    if (!route) {
      response.setHeader("Allow", candidates.map((candidate) => candidate.method).join(", "));
      return { status: 405, body: "Method Not Allowed" };
    }
    if (route.authorize && !route.authorize(request.headers)) return { status: 401, body: "Unauthorized" };
    let body: Buffer;
    try {
      body = await readBody(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) return { status: 413, body: "Payload Too Large" };
      throw error;
    }
    return route.handle({ method: route.method, path, headers: request.headers, body });
  }

  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  // Timeouts are enforced by a periodic check: every second rather than Node's default 30 s.
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (request, response) => {
    answer(request, response)
      .catch((error: unknown): HttpResponse => {
        logger.error({ err: error, method: request.method, url: request.url }, "HTTP handler failed");
        return { status: 500, body: "Internal Server Error" };
      })
      .then((reply) => {
        // Keep-alive connections must not outlive a shutdown, nor carry on after an unread body.
        if (shuttingDown || !request.complete) response.setHeader("Connection", "close");
        if (reply.body !== undefined && !hasHeader(reply.headers, "content-type")) {
          response.setHeader("Content-Type", "text/plain; charset=utf-8");
        }
        response.writeHead(reply.status, reply.headers);
        response.end(reply.body);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "could not write the HTTP response");
        response.destroy();
      });
  });
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  server.maxConnections = limits.maxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, routes: options.routes.map((route) => `${route.method} ${route.path}`) }, "HTTP server listening");

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        shuttingDown = true;
        const forceTimer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        forceTimer.unref();
        server.close((error) => {
          clearTimeout(forceTimer);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off("data", onData);
        // Stop buffering; the rest is discarded and the connection closed after the 413.
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
  });
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}
