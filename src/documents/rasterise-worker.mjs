// The chart renderer's worker thread (see rasterise.ts). Plain JavaScript on purpose: a worker is a new
// module graph that neither tsx's loader nor vitest's transform is sure to reach, so it must load as
// Node itself runs it, in `npm start`, in the tests and in the image alike.
//
// It draws one SVG at a time as a PNG and answers with the bytes' buffer transferred, not copied. resvg
// keeps its pixel buffer and parsed fonts outside V8's heap until a garbage collection finalises its
// small JS objects, which a small heap seldom needs: the main thread ends this worker after a bounded
// number of pictures, and its native memory goes with it.
import { parentPort, workerData } from "node:worker_threads";
import { Resvg } from "@resvg/resvg-js";

const { font } = workerData;

parentPort.on("message", ({ id, svg }) => {
  let png;
  try {
    const rendered = new Resvg(svg, { font, fitTo: { mode: "original" } }).render().asPng();
    // resvg's Buffer lives in native memory and cannot be transferred (postMessage would copy it
    // anyway): one copy here into a plain ArrayBuffer, which then moves to the main thread as it is.
    png = new Uint8Array(rendered.byteLength);
    png.set(rendered);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort.postMessage({ id, png: png.buffer }, [png.buffer]);
});
