// The benchmark's three federation subgraphs (products, reviews, accounts) on graphql-js,
// one per process: `node subgraphs.mjs NAME PORT`. Documents are parsed and validated
// once; GET /stats answers how many GraphQL requests this subgraph served.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { buildASTSchema, execute, parse, validate, GraphQLScalarType, Kind } from "graphql";

const [name, port] = process.argv.slice(2);
const sdl = readFileSync(new URL(`../schema/${name}.graphql`, import.meta.url), "utf8");
const PRODUCTS_PER_PAGE = 50;
const REVIEWS_PER_PRODUCT = 2;
const USERS = 20;

// What the federation spec adds to every subgraph, as @apollo/subgraph would.
const FEDERATION = `
scalar _Any
type _Service { sdl: String }
${/^type Query/m.test(sdl) ? "extend type" : "type"} Query { _service: _Service! ${name === "products" ? "" : "_entities(representations: [_Any!]!): [_Entity]!"} }
${name === "products" ? "" : `union _Entity = ${name === "reviews" ? "Product" : "User"}`}
directive @link(url: String, import: [String]) repeatable on SCHEMA
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
`;
const schema = buildASTSchema(parse(sdl + FEDERATION), { assumeValidSDL: true });
schema.getType("_Any").parseLiteral = (ast) => (ast.kind === Kind.OBJECT ? ast : null);
if (schema.getType("_Entity")) {
  schema.getType("_Entity").resolveType = (value) => value.__typename;
}

const product = (upc) => ({ __typename: "Product", upc, name: `Product ${upc}`, price: Number(upc) % 1000 });
const user = (id) => ({ __typename: "User", id, name: `User ${id}`, username: `user${id}` });
const reviewsOf = (upc) =>
  Array.from({ length: REVIEWS_PER_PRODUCT }, (_, i) => ({
    id: `${upc}-${i}`,
    body: `Review ${i} of ${upc}`,
    author: { __typename: "User", id: String((Number(upc) + i) % USERS) },
  }));

const root = {
  _service: { sdl },
  topProducts: ({ first = 5, page = 0 }) =>
    Array.from({ length: Math.min(first, PRODUCTS_PER_PAGE) }, (_, i) => product(String(page * PRODUCTS_PER_PAGE + i))),
  me: () => user("1"),
  _entities: ({ representations }) =>
    representations.map((rep) =>
      rep.__typename === "Product" ? { ...rep, reviews: reviewsOf(rep.upc) } : user(rep.id),
    ),
};

const documents = new Map();
function prepare(query) {
  let prepared = documents.get(query);
  if (prepared === undefined) {
    const document = parse(query);
    prepared = { document, errors: validate(schema, document) };
    if (documents.size < 1000) documents.set(query, prepared);
  }
  return prepared;
}

let served = 0;
createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ requests: served }));
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", async () => {
    served += 1;
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const { document, errors } = prepare(body.query);
    const result = errors.length
      ? { errors }
      : await execute({ schema, document, rootValue: root, variableValues: body.variables, operationName: body.operationName });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(result));
  });
}).listen(Number(port), "127.0.0.1", () => process.stdout.write(JSON.stringify({ ready: name }) + "\n"));
