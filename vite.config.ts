import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The app's build: React Router's plugin compiles the routes for the server and the browser; CSS
// goes through postcss.config.cjs (Mantine's preset). Vitest has its own vitest.config.ts.
export default defineConfig({
  plugins: [reactRouter()],
  build: {
    // Rolldown reports which plugins' callbacks took most of a build (React Router's route
    // transforms, on every route): a diagnosis to ask for with `node --cpu-prof`, not a warning.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
