"""Names only frameworks, the wire or the database read, for vulture.

Decorated resolvers, validators, CLI commands, fixtures and hook names are
skipped in `[tool.vulture]` (pyproject.toml); what is left is listed here by
name, never by file, so modules can move without touching this list.
"""

from typing import Any

_: Any = object()

# Strawberry output fields: GraphQL reads them off the object.
_.page_info
_.end_cursor
_.start_cursor
_.overall
_.tasks_completed
_.habit_check_ins
_.tracker_entries
_.comments_written
_.recent_check_ins
_.messages_sent
_.goals_active
_.is_streaming
_.saved_at
_.deleted_ids
_.deleted_id
_.todo_task
_.deleted_task_ids
_.streak_unit
_.updated_count
_.otpauth_uri
_.hello
# Enum members that clients send or the database stores.
_.NORMAL
_.LOW
_.MEDIUM
_.HIGH
_.CREATED
_.DONE
_.WRITE
_.LIGHT
_.DARK
_.GOOGLE
_.APPLE
_.WEB
_.finance
_.career
_.learning
_.creativity
# Document fields that queries name as strings ("$set", sort keys) or that stay as a record.
_.toggled_at
# Event payload fields kept for consumers outside this repo (the wire contract).
_.from_project_id
_.to_project_id
_.heartbeat_at
_.created_by
_.synced_at
_.streaks_as_of
_.requested_at
_.available_at
_.hot_score
_.activity_at
_.post_author_id
_.thread_touched_at
_.warning_count
_.write_seq
_.resolved_at
_.last_end
_.rotated_at
_.claimed_by
_.erased_at
_.last_counter
_.revoked_reason
_.used_at
# Wire and settings fields: a graphql-transport-ws payload key, a retired setting
# kept so that setting it stops start-up with a message.
_.operationName
_.router_trusted_proxy_hops
# Library hooks: uvicorn's exit flags, httpcore's transport pool and backend method.
_.should_exit
_.force_exit
_._pool
_.connect_unix_socket
# Holds the opening task so it is not collected while it runs.
_.opening
# Resolver arguments GraphQL passes by name, and fixtures requested for their effect.
_.term
_.known_users
# GraphQL fields set by keyword (journal, daily review).
_.mood_check_ins
_.journal_entry
# GraphQL fields set by keyword (mood correlations).
_.with_average
_.without_average
_.minimum_sample
# A stored stamp compared on the server (apply_if_newer), never read in Python.
_.rules_as_of
# GraphQL fields set by keyword (data export).
_.parts_received
