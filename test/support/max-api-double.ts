/** The MAX Bot API double lives with the dev tools (the playground and the benchmark play against it too). */
export * from "#root/devtools/emulated-max.ts";
