import type { Config } from "@react-router/dev/config";

/**
 * React Router 7 in framework mode (decision 001): server rendering, ES modules on the server, and
 * the build in build/ (build/server/index.js for server.ts, build/client/ for the browser).
 * Routes are discovered lazily, as with Remix's v3_lazyRouteDiscovery, so a first visit downloads
 * the manifest of the routes it can reach, not of all sixty.
 */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  ssr: true,
  routeDiscovery: { mode: "lazy" },
  // React Router 8's behaviour where it changes nothing the app relies on. Not yet: passing the
  // raw request through (v8_passThroughRequests) and trailing-slash data URLs
  // (v8_trailingSlashAwareDataRequests), which change the URLs of data requests that the login
  // redirect, the HTML cache and the body limits read (decision 001).
  future: { v8_middleware: true, v8_splitRouteModules: true, v8_viteEnvironmentApi: true },
} satisfies Config;
