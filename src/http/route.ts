/** A route of the bot's HTTP server. Adapters contribute their webhook routes; main.ts adds /healthz. */
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
  handle(request: HttpRequest): Promise<HttpResponse>;
}
