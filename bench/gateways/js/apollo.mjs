// Apollo Gateway (@apollo/gateway behind @apollo/server) on a supergraph file:
// `node apollo.mjs SUPERGRAPH PORT`. Prints {"ready": PORT} once it serves.
import { readFileSync } from "node:fs";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const [supergraphPath, port] = process.argv.slice(2);
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, "utf8"),
  logger: { debug() {}, info() {}, warn: console.error, error: console.error },
});
const server = new ApolloServer({ gateway, csrfPrevention: false });
await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: Number(port) } });
process.stdout.write(JSON.stringify({ ready: port }) + "\n");
