#!/usr/bin/env node
// Validates GitHub Actions workflow files with GitHub's own parser and schema (@actions/workflow-parser, the one behind
// the Actions language service): YAML syntax, the workflow schema (keys, types, events, job and step shapes), expression
// syntax and job references. Prints one line per error ("<file>: <message>") and exits 1 when there is any, else prints
// "<file>: valid" and exits 0. Usage: node scripts/validate-workflow.mjs <workflow.yml> [...]
import { readFileSync } from "node:fs";
import * as nodeModule from "node:module";

// The package imports its schema (a .json file) without the import attribute Node.js requires (it is written for
// bundlers): serve that one file as a module whose default export is the parsed JSON.
if (typeof nodeModule.registerHooks !== "function") {
  console.error(`validate-workflow.mjs needs Node.js >= 22.15 (module.registerHooks); this is ${process.version}: run it through make, which puts the project's Node.js first on PATH`);
  process.exit(2);
}
nodeModule.registerHooks({
  load(url, context, nextLoad) {
    if (url.includes("/@actions/workflow-parser/") && url.endsWith(".json")) {
      return { format: "module", source: `export default ${readFileSync(new URL(url), "utf8")};`, shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: validate-workflow.mjs <workflow.yml> [...]");
  process.exit(2);
}

let failed = false;
for (const file of files) {
  const result = parseWorkflow({ name: file, content: readFileSync(file, "utf8") }, new NoOperationTraceWriter());
  const messages = result.context.errors.getErrors().map((e) => e.message);
  if (result.value !== undefined && messages.length === 0) {
    // The conversion checks what the schema cannot: needs of unknown jobs, cycles, duplicate step ids, expressions.
    const template = await convertWorkflowTemplate(result.context, result.value);
    messages.push(...(template.errors ?? []).map((e) => e.Message ?? e.message ?? String(e)));
  } else if (result.value === undefined && messages.length === 0) {
    messages.push("not a workflow (empty document)");
  }
  if (messages.length > 0) {
    failed = true;
    for (const message of messages) console.log(message.startsWith(file) ? message : `${file}: ${message}`);
  } else {
    console.log(`${file}: valid`);
  }
}
process.exit(failed ? 1 : 0);
