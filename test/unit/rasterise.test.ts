/**
 * Charts are drawn in a worker thread that is replaced after a number of pictures: the pictures come
 * out right whatever the order they are asked in, and one bad picture or a failing worker does not
 * stop the next ones.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ChartRenderer, stopChartRenderer, svgToPng, svgToPngAsync } from "#root/documents/rasterise.ts";
import { pngSize } from "../support/png.ts";

/** A picture of the given size, with Cyrillic text so that the font is used. */
const picture = (width: number, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
  `<rect width="${width}" height="${height}" fill="#ffffff"/><rect x="4" y="4" width="${Math.max(1, width - 8)}" height="${Math.max(1, height / 2)}" fill="#1a73e8"/>` +
  `<text x="8" y="${height - 8}" font-size="14">Встреч: ${width}</text></svg>`;

/** A worker module given as a data: URL, for the failures a real worker should not have. */
const workerModule = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);

const renderers: ChartRenderer[] = [];
const renderer = (options: ConstructorParameters<typeof ChartRenderer>[0] = {}) => {
  const made = new ChartRenderer(options);
  renderers.push(made);
  return made;
};
afterAll(async () => {
  await Promise.all(renderers.map((made) => made.stop()));
  await stopChartRenderer();
});

describe("drawing charts in a worker", () => {
  it("gives a PNG of the size the SVG declares, the same as drawing on the spot", async () => {
    const png = await svgToPngAsync(picture(320, 200));
    expect(pngSize(png)).toEqual({ width: 320, height: 200 });
    expect(Buffer.from(png).equals(Buffer.from(svgToPng(picture(320, 200))))).toBe(true);
  });

  it("draws many pictures in a row, replacing its worker every few", async () => {
    const charts = renderer({ rendersPerWorker: 3 });
    for (let index = 0; index < 10; index += 1) {
      expect(pngSize(await charts.render(picture(100 + index, 50 + index)))).toEqual({ width: 100 + index, height: 50 + index });
    }
    expect(charts.workersStarted).toBe(4);
  });

  it("answers pictures asked for at once, each with its own", async () => {
    const charts = renderer({ rendersPerWorker: 4 });
    const sizes = Array.from({ length: 12 }, (_, index) => ({ width: 60 + 10 * index, height: 40 + index }));
    const pngs = await Promise.all(sizes.map(({ width, height }) => charts.render(picture(width, height))));
    expect(pngs.map(pngSize)).toEqual(sizes);
    expect(charts.workersStarted).toBe(3);
  });

  it("rejects a picture that is not SVG, and draws the next", async () => {
    const charts = renderer();
    const [bad, good] = await Promise.allSettled([charts.render("<svg this is not"), charts.render(picture(80, 60))]);
    expect(bad.status).toBe("rejected");
    expect((bad as PromiseRejectedResult).reason.message).toMatch(/^The chart could not be drawn: /);
    expect(good.status === "fulfilled" && pngSize(good.value)).toEqual({ width: 80, height: 60 });
    expect(charts.workersStarted).toBe(1);
  });

  it("rejects the pictures waiting when its worker dies, and starts a new worker for the next", async () => {
    const dying = renderer({
      workerUrl: workerModule(`import { parentPort } from "node:worker_threads"; parentPort.on("message", () => process.exit(3));`),
    });
    const waiting = await Promise.allSettled([dying.render(picture(10, 10)), dying.render(picture(20, 20)), dying.render(picture(30, 30))]);
    expect(waiting.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect((waiting[0] as PromiseRejectedResult).reason.message).toBe("The chart renderer's worker failed: the worker exited with code 3");
    await expect(dying.render(picture(10, 10))).rejects.toThrow(/worker exited with code 3/);
    expect(dying.workersStarted).toBe(2);
  });

  it("rejects when its worker cannot load, and when a picture takes too long", async () => {
    const broken = renderer({ workerUrl: workerModule(`throw new Error("no resvg here");`) });
    await expect(broken.render(picture(10, 10))).rejects.toThrow("The chart renderer's worker failed: no resvg here");
    const stuck = renderer({
      workerUrl: workerModule(`import { parentPort } from "node:worker_threads"; parentPort.on("message", () => {});`),
      renderTimeoutMs: 200,
    });
    await expect(stuck.render(picture(10, 10))).rejects.toThrow("The chart renderer's worker failed: took more than 200 ms");
  });

  it("ends its worker when idle, and starts another for the next picture", async () => {
    const charts = renderer({ idleMs: 50 });
    pngSize(await charts.render(picture(40, 40)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    pngSize(await charts.render(picture(40, 40)));
    expect(charts.workersStarted).toBe(2);
  });
});
