// Compose the three subgraphs with Apollo's own composition (@apollo/composition):
// `node compose.mjs BASE_URL > supergraph.graphql`, each subgraph at BASE_URL/<name>.
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

const urls = JSON.parse(process.argv[2]);
const services = Object.entries(urls).map(([name, url]) => ({
  name,
  url,
  typeDefs: parse(readFileSync(new URL(`../schema/${name}.graphql`, import.meta.url), "utf8")),
}));
const result = composeServices(services);
if (result.errors) {
  process.stderr.write(result.errors.map(String).join("\n") + "\n");
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
