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
    // The bundled libraries' licences ship next to the bundle (MIT and the like ask for it).
    license: { fileName: "licenses.md" },
  },
  server: {
    port: 5173,
    proxy: {
      // HTTP and the graphql-ws WebSocket share the router's /graphql. The router takes
      // a browser's socket only from its own origin (docs/router.md): the proxied
      // requests carry LifeGraph's, as when `lifegraph up` serves the app itself.
      "/graphql": {
        target: LIFEGRAPH,
        ws: true,
        changeOrigin: true,
        configure(proxy) {
          proxy.on("proxyReq", (request) => {
            if (request.getHeader("origin")) request.setHeader("origin", LIFEGRAPH);
          });
          proxy.on("proxyReqWs", (request) => request.setHeader("origin", LIFEGRAPH));
        },
      },
    },
  },
});
