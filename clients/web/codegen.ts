// Typed operations for every client: the documents live in clients/shared (no DOM),
// the schema is the client-facing API schema that `lifegraph schema` writes (and CI checks).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema/api.graphql",
  documents: ["../shared/src/**/*.ts", "!../shared/src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "../shared/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", Date: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
