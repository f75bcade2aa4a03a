import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The lint that keeps docs/code-layout.md's import table (`npm run lint`, run first by `npm test`)
 * passes as readily when it checks nothing: a pattern that stops matching a folder, or a rule
 * that is switched off, leaves it quiet. So these lines, written as if they were files of the
 * project, must be refused or let through as the table says.
 */
const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.js") });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\n`, { filePath: path.join(root, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === "boundaries/element-types").map((m) => m.message);
}

describe("the import table of docs/code-layout.md", () => {
  // ESLint loads its plugins and TypeScript's parser on the first file it lints: seconds on a
  // busy machine, which belong to no single case.
  beforeAll(() => eslint.lintText("export {};\n", { filePath: path.join(root, "app/domain/warm-up.ts") }), 60_000);

  it.each([
    ["a pure rule reaching for the database", "app/domain/example.ts", 'import { getOffering } from "../models/offering.server";'],
    ["glue reaching up into a model", "app/utils/example.server.ts", 'import { loadViewer } from "../models/acting-organisations.server";'],
    ["glue importing the root route's types", "app/utils/example.ts", 'import type { loader } from "../root";'],
    ["a component reaching into a model", "app/components/example.tsx", 'import { getOffering } from "../models/offering.server";'],
    ["a form reaching into a route helper", "app/forms/example.ts", 'import { requireBuyer } from "../route-helpers/request-access.server";'],
    ["search reaching up into a model", "search/example.server.ts", 'import { targetGroupsOf } from "../app/models/target-groups.server";'],
    ["the database layer reaching up into search", "db/example.server.ts", 'import { ensureEmbeddedSearchRows } from "../search/embedded-index.server";'],
    ["the mail worker reaching into a model", "mail/example.server.ts", 'import { sendMeetingReminders } from "../app/models/meeting-followup.server";'],
    ["a model calling a route helper", "app/models/example.server.ts", 'import { requireBuyer } from "../route-helpers/request-access.server";'],
    ["a model importing a form's code, not only its types", "app/models/example.server.ts", 'import { requestSchema } from "../forms/request-form";'],
  ])("refuses %s", async (_, file, source) => {
    expect(await boundaryErrors(file, source)).toHaveLength(1);
  });

  it.each([
    ["a pure rule using another", "app/domain/example.ts", 'import { capacityPeriods } from "./capacity";'],
    ["a route helper asking a model", "app/route-helpers/example.server.ts", 'import { loadViewer } from "../models/acting-organisations.server";'],
    ["a route using a route helper", "app/routes/example.tsx", 'import { requireBuyer } from "../route-helpers/request-access.server";'],
    ["a model taking its input type from its form", "app/models/example.server.ts", 'import type { RequestInput } from "../forms/request-form";'],
    ["the migration command rebuilding search's rows", "db/migrate.ts", 'import { ensureEmbeddedSearchRows } from "../search/embedded-index.server";'],
  ])("lets through %s", async (_, file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
