/**
 * The lean client under grammY's Bot API calls, against a local server: JSON bodies and streamed
 * uploads arrive whole, sockets are reused, and grammY's abort ends a call the server never answers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotApiFetch } from "#root/messengers/telegram/bot-api-fetch.ts";

describe("the Bot API client", () => {
  const sockets = new Set<unknown>();
  let server: http.Server;
  let root: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      sockets.add(request.socket);
      if (request.url === "/hang") return;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            ok: true,
            result: { method: request.method, type: request.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends a JSON body and reads the answer, over one kept-alive socket", async () => {
    const fetch = createBotApiFetch();
    sockets.clear();
    for (const text of ["Привет", "ещё раз", "и снова"]) {
      const response = await fetch(`${root}/sendMessage`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat_id: 1, text }),
      });
      expect(response.ok).toBe(true);
      expect(await response.json()).toEqual({
        ok: true,
        result: { method: "POST", type: "application/json", body: JSON.stringify({ chat_id: 1, text }) },
      });
    }
    expect(sockets.size).toBe(1);
  });

  it("streams a multipart body whole", async () => {
    const fetch = createBotApiFetch();
    const parts = ["--b\r\n", 'content-disposition: form-data; name="chat_id"\r\n\r\n1\r\n', "--b--\r\n"];
    const response = await fetch(`${root}/sendDocument`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=b" },
      body: Readable.from(parts.map((part) => Buffer.from(part))),
    });
    expect(((await response.json()) as { result: { body: string } }).result.body).toBe(parts.join(""));
  });

  it("reports an error status as the server sent it", async () => {
    const response = await createBotApiFetch()(`${root}/missing`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
  });

  it("ends a call the server never answers when the signal aborts", async () => {
    const controller = new AbortController();
    const call = createBotApiFetch()(`${root}/hang`, { method: "POST", body: "{}", signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    await expect(createBotApiFetch()(`${root}/x`, { method: "POST", body: "{}", signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
