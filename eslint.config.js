// @ts-check
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

/**
 * Lint that keeps the layout of docs/code-layout.md: who may import whom is the table there,
 * written once more as `boundaries` rules, so that an import against it fails `npm test`.
 */
const elements = [
  { type: "routes", pattern: "app/routes/**" },
  { type: "route-helpers", pattern: "app/route-helpers/**" },
  { type: "notices", pattern: "app/models/notices/**" },
  { type: "models", pattern: "app/models/**" },
  { type: "domain", pattern: "app/domain/**" },
  { type: "forms", pattern: "app/forms/**" },
  { type: "components", pattern: "app/components/**" },
  { type: "locales", pattern: "app/locales/**" },
  { type: "utils", pattern: "app/utils/**" },
  { type: "app", pattern: "app/*", mode: "file" },
  // The operator's commands that change whole tables and then rebuild search's rows from them;
  // listed before `db`, whose other files sit below search (decision 027).
  { type: "db-commands", pattern: ["db/migrate.ts", "db/copy-to-postgres.ts", "db/copy-to-postgres.server.ts"], mode: "full" },
  { type: "db", pattern: "db/**" },
  { type: "search", pattern: "search/**" },
  { type: "mail", pattern: "mail/**" },
  { type: "http", pattern: "http/**" },
  { type: "seed", pattern: "seed/**" },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".react-router/**", "coverage/**", "public/**"] },
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "search/**/*.ts", "mail/**/*.ts", "http/**/*.ts", "seed/**/*.ts"],
    plugins: { boundaries },
    languageOptions: { parser: tseslint.parser },
    settings: {
      "boundaries/elements": elements,
      "boundaries/include": ["app/**/*", "db/**/*", "search/**/*", "mail/**/*", "http/**/*", "seed/**/*"],
      "import/resolver": { node: { extensions: [".ts", ".tsx", ".js"] } },
    },
    rules: {
      "boundaries/element-types": [
        2,
        {
          default: "disallow",
          rules: [
            { from: "routes", allow: ["routes", "route-helpers", "models", "notices", "domain", "forms", "components", "locales", "utils", "app"] },
            { from: "app", allow: ["routes", "route-helpers", "models", "domain", "components", "locales", "utils", "app"] },
            { from: "route-helpers", allow: ["route-helpers", "models", "domain", "components", "locales", "utils"] },
            { from: "models", allow: ["models", "notices", "domain", "db", "search", "locales", "utils"] },
            // A model's input is the type its form's schema produces (decision 027).
            { from: "models", allow: [{ to: { type: "forms" }, dependency: { kind: "type" } }] },
            { from: "notices", allow: ["models", "domain", "db", "locales", "utils"] },
            { from: "domain", allow: ["domain"] },
            { from: "forms", allow: ["forms", "domain", "utils"] },
            { from: "components", allow: ["components", "domain", "forms", "locales", "utils"] },
            { from: "locales", allow: ["locales", "domain"] },
            { from: "utils", allow: ["utils", "domain", "locales", "db", "search"] },
            { from: "db", allow: ["db", "domain"] },
            { from: "db-commands", allow: ["db-commands", "db", "domain", "search"] },
            { from: "search", allow: ["search", "db", "domain"] },
            { from: "mail", allow: ["mail", "db", "domain", "utils", "locales"] },
            { from: "http", allow: ["http", "db", "utils", "domain"] },
            { from: "seed", allow: ["seed", "models", "db", "domain", "forms", "utils", "search"] },
          ],
        },
      ],
    },
  },
);
