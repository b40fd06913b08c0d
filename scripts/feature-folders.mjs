#!/usr/bin/env node
// Part of `npm run lint`: src/flows/ is a list of feature folders, each small enough to read
// (at most 12 files), each with an index.ts that the router and the jobs use.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const FLOWS = "src/flows";
const MAX_FILES = 12;
const problems = [];
for (const entry of readdirSync(FLOWS)) {
  const path = join(FLOWS, entry);
  if (!statSync(path).isDirectory()) {
    if (entry !== "router.ts") problems.push(`${path}: a flow belongs in a feature folder`);
    continue;
  }
  const files = readdirSync(path).filter((name) => name.endsWith(".ts"));
  if (files.length > MAX_FILES) problems.push(`${path}: ${files.length} files, more than ${MAX_FILES}: split the feature`);
  if (entry !== "common" && !files.includes("index.ts")) problems.push(`${path}: no index.ts`);
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`feature folders: ${FLOWS} ok`);
