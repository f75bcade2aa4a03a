/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Native and server-only packages stay outside the bundle. Mantine is bundled: components are
  // imported file by file through the `mantine-parts/*` alias (tsconfig.json) so that each page
  // downloads only the components it uses, and the server must then hold the one copy of
  // Mantine's React contexts that those files and `@mantine/charts` share.
  serverDependenciesToBundle: [/^mantine-parts\//, /^@mantine\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
