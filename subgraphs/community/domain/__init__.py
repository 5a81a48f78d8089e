"""Pure community rules: text checks and the search index. No I/O."""
