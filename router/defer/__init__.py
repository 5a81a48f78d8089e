"""`@defer`: an operation split into its immediate part and follow-up deferred groups."""
