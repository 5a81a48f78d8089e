// Apollo Gateway over a supergraph file, its subgraphs at `${base}/${name}/graphql`
// (the fixture servers of tests/router/kit.py). Prints one JSON line: {"url": ...}
// once it serves, or {"failure": ...}; then runs until its stdin closes.
import { readFileSync } from "node:fs";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const [supergraphPath, subgraphBase] = process.argv.slice(2);

try {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, "utf8"),
    // The supergraph's join__graph URLs are placeholders: both routers call the same servers.
    buildService: ({ name }) => new RemoteGraphQLDataSource({ url: `${subgraphBase}/${name}/graphql` }),
    logger: { debug() {}, info() {}, warn: console.error, error: console.error },
  });
  const server = new ApolloServer({ gateway, csrfPrevention: false, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: 0 } });
  process.stdout.write(JSON.stringify({ url }) + "\n");
  process.stdin.resume();
  process.stdin.on("end", async () => {
    await server.stop();
    process.exit(0);
  });
} catch (error) {
  process.stdout.write(JSON.stringify({ failure: String(error?.stack ?? error) }) + "\n");
  process.exit(1);
}
