/**
 * The layering of src/, as a rule the lint enforces (`npm run lint`). From the bottom up:
 *   domain · clock, logger, config, redis, tokens, metrics · i18n · messaging · db · documents, http · dialog · flows ·
 *   notify · jobs · messengers · app · main, admin, devtools
 * A folder may import from the folders below it, never from those above.
 */
const LAYERS = [
  ["domain"],
  ["clock", "logger", "config", "redis", "tokens", "metrics"],
  ["i18n"],
  ["messaging"],
  ["db"],
  ["documents", "http"],
  ["dialog"],
  ["flows"],
  ["notify"],
  ["jobs"],
  ["messengers"],
  ["app"],
  ["main", "admin", "devtools", "playground"],
];

const folderPattern = (names) => `^src/(${names.join("|")})(/|\\.ts$)`;

const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-import-from-${layer.join("-")}`,
  comment: `${layer.join(", ")} may import only from the layers below it`,
  severity: "error",
  from: { path: folderPattern(layer) },
  to: { path: folderPattern(LAYERS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules import each other in one direction only",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      comment: "domain/ holds the programme's rules: it imports only domain/ (no I/O, no messenger, no SQL)",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: "^src/domain/" },
    },
    {
      name: "flows-know-no-messenger",
      comment: "A flow is written once for every messenger: no messenger library, no adapter",
      severity: "error",
      from: { path: "^src/(flows|dialog|domain|db|jobs|notify)/" },
      to: { path: "(^src/messengers/)|(node_modules/(grammy|vk-io|@maxhub|@grammyjs/(?!conversations)))" },
    },
    {
      name: "features-through-their-index",
      comment: "Outside flows/, a feature is used through its index.ts (its flows, actions and wording)",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/flows/" },
      to: { path: "^src/flows/[^/]+/", pathNot: "^src/flows/[^/]+/index\\.ts$" },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
