import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Where `lifegraph up` listens; `npm run dev` proxies the API there.
const LIFEGRAPH = process.env.LIFEGRAPH_URL ?? "http://127.0.0.1:4000";

export default defineConfig({
  plugins: [react()],
  build: {
    // Into the Python package: what `lifegraph up` serves at `/`, committed with the code.
    outDir: fileURLToPath(new URL("../../lifegraph/web_dist", import.meta.url)),
    emptyOutDir: true,
    // The router serves the app under a CSP without 'unsafe-inline': no inline scripts.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      // HTTP and the graphql-ws WebSocket share the router's /graphql.
      "/graphql": { target: LIFEGRAPH, ws: true, changeOrigin: true },
    },
  },
});
