/** A route of the bot's HTTP server. Adapters contribute their webhook routes; app.ts adds the probes (src/http/probes.ts). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body (the server caps its size). */
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface HttpRoute {
  method: "GET" | "POST";
  path: string;
  /**
   * Decides on the headers alone, before a byte of the body is read: a refused request gets 401
   * and its connection is closed, so an unauthenticated sender cannot make the server hold bodies.
   * Platforms that sign in a header (Telegram, MAX) use it; VK puts its secret in the body.
   */
  authorize?(headers: HttpRequest["headers"]): boolean;
  /** The largest body this route reads; a larger one gets 413 unread. Defaults to DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  handle(request: HttpRequest): Promise<HttpResponse>;
}
