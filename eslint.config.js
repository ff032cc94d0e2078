// ESLint flat config (docs/decisions/016-lint-and-format.md). Formatting is Prettier's job:
// no stylistic rules here.
import js from "@eslint/js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = path.dirname(fileURLToPath(import.meta.url));

/** The Prisma client (generated into app/generated/prisma) and the package it comes from. */
const prismaClient = {
  paths: [{ name: "@prisma/client", message: "Only app/models may use Prisma: call a model function instead." }],
  patterns: [
    {
      regex: "(^|/)generated/prisma(/|$)",
      message: "Only app/models may use the Prisma client: call a model function instead.",
    },
    {
      // disconnectDb (process lifecycle) stays importable; the client itself does not.
      regex: "(^~|/app)/utils/db\\.server$",
      importNames: ["db", "Prisma", "PrismaClient"],
      message: "Only app/models may use the Prisma client: call a model function instead.",
    },
  ],
};

/** Models and presenters know nothing of HTTP. */
const noRemix = {
  group: ["@remix-run/*"],
  message: "Models and presenters must not use Remix: throw a domain error from app/models/errors.ts.",
};

/** Modules the browser bundle must never contain. */
const serverOnly = {
  regex: "\\.server(\\.[cm]?[jt]sx?)?$",
  message: "Client code must not import *.server modules (only routes, root.tsx and other *.server modules may).",
};

export default defineConfig(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "app/generated/**",
      "prisma/migrations/**",
      "data/**",
      ".cache/**",
      "tests/.artifacts/**",
      "node_modules/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    settings: {
      "import-x/resolver-next": [
        createNodeResolver({
          tsconfig: { configFile: path.join(root, "tsconfig.json") },
          extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
        }),
      ],
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      // Several guards match control characters on purpose (NUL in URLs and headers).
      "no-control-regex": "off",
      "no-restricted-imports": ["error", prismaClient],
    },
  },
  {
    // Code that runs in the browser (or both): DOM globals.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Client code: everything under app/ that is not a *.server module or a route module
    // (routes' loaders and actions are server code the compiler strips from the browser bundle).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/routes/**", "app/root.tsx", "app/entry.server.tsx"],
    rules: { "no-restricted-imports": ["error", { ...prismaClient, patterns: [...prismaClient.patterns, serverOnly] }] },
  },
  {
    // Allowed to use the Prisma client directly:
    // - app/models/**: the models own every query (docs/architecture.md);
    // - app/utils/db.server.ts: creates the one client per process;
    // - prisma/seed*: demo data is written table by table before any model invariants matter;
    // - scripts/**: maintenance and benchmarks (bulk inserts, throwaway databases);
    // - tests/**: factories and assertions check what is stored, below the models.
    files: ["app/models/**", "app/utils/db.server.ts", "prisma/seed*", "scripts/**", "tests/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Models and presenters know nothing of HTTP: they throw domain errors (app/models/errors.ts)
    // and never build Responses; routes map the errors in app/utils/domain-errors.ts.
    files: ["app/models/**", "app/presenters/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noRemix] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Response']",
          message: "Models and presenters must not build HTTP Responses: throw a domain error from app/models/errors.ts.",
        },
      ],
    },
  },
  {
    // Every async loader and action runs its work through the one domain-error mapping, called
    // inside the function: a module-level call (export const loader = wrap(...)) is a side
    // effect that keeps the loader and its imports in the browser bundle.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ExportNamedDeclaration > FunctionDeclaration[async=true][id.name=/^(loader|action)$/] > BlockStatement:not(:has(ReturnStatement > CallExpression[callee.name='withDomainErrors']))",
          message: "Loaders and actions: return withDomainErrors(async () => { ... }) (app/utils/domain-errors.ts).",
        },
        {
          selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > CallExpression",
          message:
            "No module-level calls in route exports (Remix drops server code only from plain functions): export async function loader() { return withDomainErrors(...) }.",
        },
      ],
    },
  },
  {
    // Presenters shape what models return; they do not query.
    files: ["app/presenters/**"],
    rules: { "no-restricted-imports": ["error", { ...prismaClient, patterns: [...prismaClient.patterns, noRemix] }] },
  },
  {
    // Pure presenters (no .server suffix) may end up in the browser bundle through components.
    files: ["app/presenters/**"],
    ignores: ["app/presenters/**/*.server.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { ...prismaClient, patterns: [...prismaClient.patterns, noRemix, serverOnly] }] },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
);
