/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Date (isoformat) */
  Date: { input: string; output: string; }
  /** Date with time (isoformat) */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** A badge a user has earned. */
export type Achievement = {
  __typename?: 'Achievement';
  /** Stable badge id, e.g. `streak_7`. */
  badge: Scalars['String']['output'];
  /** What earns the badge. */
  description: Scalars['String']['output'];
  /** Human title of the badge. */
  title: Scalars['String']['output'];
  /** When the badge was earned. */
  unlockedAt: Scalars['DateTime']['output'];
};

/** A calendar activity, possibly recurring. */
export type Activity = {
  __typename?: 'Activity';
  /** Longer description; may be empty. */
  description: Scalars['String']['output'];
  /** End of the first occurrence (UTC). */
  endsAt: Scalars['DateTime']['output'];
  /** The goal it serves, if any. */
  goalId?: Maybe<Scalars['ID']['output']>;
  /** The activity's id. */
  id: Scalars['ID']['output'];
  /** Where it happens. */
  location?: Maybe<Scalars['String']['output']>;
  /** RRULE (RFC 5545), if recurring. */
  recurrence?: Maybe<Scalars['String']['output']>;
  /** Start of the first occurrence (UTC). */
  startsAt: Scalars['DateTime']['output'];
  /** The standalone task it time-blocks (`scheduleTodoTask`), if any. */
  taskId?: Maybe<Scalars['ID']['output']>;
  /** Zone whose wall time the recurrence follows. */
  timezone: Scalars['String']['output'];
  /** Short name. */
  title: Scalars['String']['output'];
};

/** An activity of your calendar changed (a moved or cancelled occurrence included), or was deleted. */
export type ActivityChange = {
  __typename?: 'ActivityChange';
  /** The activity as it is now. */
  activity?: Maybe<Activity>;
  /** The activity that changed. */
  activityId: Scalars['ID']['output'];
  /** Its place in your changes: pass it as `after` to resume after it. */
  cursor: Scalars['String']['output'];
  /** Whether it was deleted (then `activity` is null). */
  deleted: Scalars['Boolean']['output'];
};

/** Identifies an activity. */
export type ActivityIdInput = {
  /** The activity. */
  id: Scalars['ID']['input'];
};

/** A new comment, or a reply when `parentId` is given. */
export type AddCommentInput = {
  /** The comment to reply to; a reply to a reply joins the top-level thread. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** The post to comment on. */
  postId: Scalars['ID']['input'];
  /** 1-2000 characters of plain text. */
  text: Scalars['String']['input'];
};

/** Add members to a group (admins only). */
export type AddGroupMembersInput = {
  /** The group. */
  conversationId: Scalars['ID']['input'];
  /** Who to add. */
  userIds: Array<Scalars['ID']['input']>;
};

/** A task to add to a goal. */
export type AddTaskInput = {
  /** When it is due. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** The goal. */
  goalId: Scalars['ID']['input'];
  /** What to do. */
  title: Scalars['String']['input'];
};

/** An API key of the signed-in member. Its secret is never shown again. */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** When the key was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Identifier, for `revokeApiKey`. */
  id: Scalars['ID']['output'];
  /** When it was last traded for a token; null if never. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the key is for. */
  name: Scalars['String']['output'];
  /** The start of the secret, to tell keys apart. */
  prefix: Scalars['String']['output'];
  /** When it was revoked; null while it works. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What its tokens may do. */
  scopes: Array<ApiKeyScope>;
};

/** A page of items with cursors (Relay cursor connection). */
export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  /** The items of this page with their cursors. */
  edges: Array<ApiKeyEdge>;
  /** The items of this page without cursors. */
  nodes: Array<ApiKey>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ApiKey;
};

/** What a token traded for an API key may do. */
export type ApiKeyScope =
  | 'READ'
  | 'WRITE';

/** An access token traded for an API key. There is no refresh token. */
export type ApiKeyTokenPayload = {
  __typename?: 'ApiKeyTokenPayload';
  /** RS256 JWT for `Authorization: Bearer`; short-lived, trade the key again. */
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  /** What the token may do. */
  scopes: Array<ApiKeyScope>;
  /** The member the key belongs to. */
  user: User;
};

/** A file attached to a message (stored elsewhere, referenced here). */
export type Attachment = {
  __typename?: 'Attachment';
  /** The file's MIME type. */
  mimeType: Scalars['String']['output'];
  /** The file name to show, if any. */
  name?: Maybe<Scalars['String']['output']>;
  /** The file's size in bytes. */
  sizeBytes: Scalars['Int']['output'];
  /** Where the file is (http or https). */
  url: Scalars['String']['output'];
};

/** A file to attach: only its metadata, the file lives at `url`. */
export type AttachmentInput = {
  /** Its MIME type, e.g. image/png. */
  mimeType: Scalars['String']['input'];
  /** A file name to show. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Its size, 1 byte to 25 MiB. */
  sizeBytes: Scalars['Int']['input'];
  /** An http(s) URL. */
  url: Scalars['String']['input'];
};

/** Tokens for a signed-in session. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** RS256 JWT for `Authorization: Bearer`; short-lived. */
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  /** Opaque token for `refreshToken`; usable once, then replaced. */
  refreshToken: Scalars['String']['output'];
  /** The signed-in member. */
  user: User;
};

/** A badge that can be earned. */
export type BadgeDefinition = {
  __typename?: 'BadgeDefinition';
  /** Stable badge id. */
  badge: Scalars['String']['output'];
  /** What earns the badge. */
  description: Scalars['String']['output'];
  /** Human title of the badge. */
  title: Scalars['String']['output'];
};

/** A user the viewer has blocked. */
export type BlockedUser = {
  __typename?: 'BlockedUser';
  /** When the block started. */
  since: Scalars['DateTime']['output'];
  /** The blocked user. */
  user: User;
};

/** A page of items with cursors (Relay cursor connection). */
export type BlockedUserConnection = {
  __typename?: 'BlockedUserConnection';
  /** The items of this page with their cursors. */
  edges: Array<BlockedUserEdge>;
  /** The items of this page without cursors. */
  nodes: Array<BlockedUser>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type BlockedUserEdge = {
  __typename?: 'BlockedUserEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: BlockedUser;
};

/** The secret calendar feed URL; shown only when rotated. */
export type CalendarFeedPayload = {
  __typename?: 'CalendarFeedPayload';
  /** Feed path at the API's own address (beside /graphql): /calendar/{token}.ics */
  path: Scalars['String']['output'];
  /** The secret; keep it private. */
  token: Scalars['String']['output'];
};

/** One occurrence of an activity. */
export type CalendarOccurrence = {
  __typename?: 'CalendarOccurrence';
  /** The activity it belongs to. */
  activity: Activity;
  /** When this occurrence ends (UTC). */
  endsAt: Scalars['DateTime']['output'];
  /** Whether it was moved from its slot. */
  moved: Scalars['Boolean']['output'];
  /** Its slot in the series; use it to move or cancel this occurrence. */
  originalStart: Scalars['DateTime']['output'];
  /** When this occurrence starts (UTC). */
  startsAt: Scalars['DateTime']['output'];
};

/** Cancel one occurrence of a recurring activity. */
export type CancelOccurrenceInput = {
  /** The activity. */
  activityId: Scalars['ID']['input'];
  /** The occurrence's slot. */
  originalStart: Scalars['DateTime']['input'];
};

/** A new password for the signed-in account. */
export type ChangePasswordInput = {
  /** The password in use now. */
  currentPassword: Scalars['String']['input'];
  /** The password to use from now on. */
  newPassword: Scalars['String']['input'];
};

/** One point of a chart series. */
export type ChartPoint = {
  __typename?: 'ChartPoint';
  /** When (a local day's start for daily series). */
  at: Scalars['DateTime']['output'];
  /** The value at that time. */
  value: Scalars['Float']['output'];
};

/** A check-in (or its undo) for one local day. */
export type CheckInInput = {
  /** The local day; default today. Future days are refused. */
  day?: InputMaybe<Scalars['Date']['input']>;
  /** The habit. */
  habitId: Scalars['ID']['input'];
};

/** Something the coach offers to do, done only once you confirm it (`confirmCoachProposal`). */
export type CoachProposal = {
  __typename?: 'CoachProposal';
  /** GOAL: its life area: health, finance, family, career, learning or creativity. */
  area?: Maybe<Scalars['String']['output']>;
  /** TRACKER_ENTRY: the ISO 4217 currency of spending. */
  currency?: Maybe<Scalars['String']['output']>;
  /** CHECK_IN: the day it is for. */
  day?: Maybe<Scalars['Date']['output']>;
  /** When you confirmed or declined it; null while pending or once expired. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** GOAL: its due date, if any. */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /** SCHEDULE: how long the block lasts, 5 to 1440 minutes. */
  durationMinutes?: Maybe<Scalars['Int']['output']>;
  /** When a pending proposal expires if not answered (UTC). */
  expiresAt: Scalars['DateTime']['output'];
  /** SCHEDULE: a focus session rather than an event. */
  focus: Scalars['Boolean']['output'];
  /** GOAL_PROGRESS: the goal; SCHEDULE: the goal the block is for, if any. */
  goalId?: Maybe<Scalars['ID']['output']>;
  /** CHECK_IN: the habit's title. */
  habit?: Maybe<Scalars['String']['output']>;
  /** CHECK_IN: the habit's id (null on check-ins proposed before 2026-12). */
  habitId?: Maybe<Scalars['ID']['output']>;
  /** The proposal's id. */
  id: Scalars['ID']['output'];
  /** What it would do. */
  kind: CoachProposalKind;
  /** TRACKER_ENTRY: weight_kg, sleep_hours, resting_heart_rate, spending or learning_minutes. */
  metric?: Maybe<Scalars['String']['output']>;
  /** GOAL_PROGRESS: the new progress, 0 to 100. */
  progress?: Maybe<Scalars['Int']['output']>;
  /** SCHEDULE: when the block starts (UTC). */
  startsAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it stands. */
  status: CoachProposalStatus;
  /** TASK_DONE: the task (its title in `title`). */
  taskId?: Maybe<Scalars['ID']['output']>;
  /** GOAL: the goal's title; GOAL_PROGRESS: the goal's; TASK_DONE: the task's; SCHEDULE: the block's. */
  title?: Maybe<Scalars['String']['output']>;
  /** TRACKER_ENTRY: the value to log. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** What the coach proposes to do. */
export type CoachProposalKind =
  /** Check one of your habits in for a day. */
  | 'CHECK_IN'
  /** Create a goal. */
  | 'GOAL'
  /** Set one of your goals' progress. */
  | 'GOAL_PROGRESS'
  /** Put a calendar block, or a focus session (`focus`), in your calendar. */
  | 'SCHEDULE'
  /** Tick off one of your open tasks. */
  | 'TASK_DONE'
  /** Log a tracker entry (metric, value, currency). */
  | 'TRACKER_ENTRY';

/** Where a proposal stands. */
export type CoachProposalStatus =
  /** You confirmed it; it is being carried out (the coach says so once it is done). */
  | 'CONFIRMED'
  /** You declined it; nothing was done. */
  | 'DECLINED'
  /** Not answered in time; nothing was done. */
  | 'EXPIRED'
  /** Waiting for you to confirm or decline it. */
  | 'PENDING';

/** A comment on a post. Replies are one level deep: a reply to a reply joins the thread of the top-level comment. */
export type Comment = Node & {
  __typename?: 'Comment';
  /** Who wrote the comment. */
  author: User;
  /** When the comment was written. */
  createdAt: Scalars['DateTime']['output'];
  /** When it was last edited. */
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The comment's id. */
  id: Scalars['ID']['output'];
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** The top-level comment this replies to; null for a top-level comment. */
  parentId?: Maybe<Scalars['ID']['output']>;
  /** The post commented on; null if the viewer may not see it. */
  post?: Maybe<Post>;
  /** Replies to this comment, oldest first (empty for replies). */
  replies: CommentConnection;
  /** Moderation state of the comment. */
  status: ContentStatus;
  /** The comment's plain text. */
  text: Scalars['String']['output'];
};


/** A comment on a post. Replies are one level deep: a reply to a reply joins the thread of the top-level comment. */
export type CommentRepliesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** A page of items with cursors (Relay cursor connection). */
export type CommentConnection = {
  __typename?: 'CommentConnection';
  /** The items of this page with their cursors. */
  edges: Array<CommentEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Comment>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type CommentEdge = {
  __typename?: 'CommentEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Comment;
};

/** Names one comment. */
export type CommentInput = {
  /** The comment's id. */
  commentId: Scalars['ID']['input'];
};

/** An upload whose bytes were PUT to its URL. */
export type CompleteUploadInput = {
  /** The id createUpload returned. */
  uploadId: Scalars['ID']['input'];
};

/** Confirm what the coach proposed: it is then carried out. */
export type ConfirmCoachProposalInput = {
  /** The proposal (`Message.proposal`). */
  proposalId: Scalars['ID']['input'];
};

/** A code from the authenticator app. */
export type ConfirmTotpInput = {
  /** The six-digit code the app shows. */
  code: Scalars['String']['input'];
};

/** Moderation state: only PUBLISHED content appears in feeds and search. */
export type ContentStatus =
  | 'HELD'
  | 'HIDDEN'
  | 'PUBLISHED'
  | 'REMOVED';

/** A conversation: direct, group or coach. */
export type Conversation = Node & {
  __typename?: 'Conversation';
  /** Members who may add and remove members (groups only). */
  admins: Array<User>;
  /** When it was created (UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** The conversation's id. */
  id: Scalars['ID']['output'];
  /** Direct, group or coach. */
  kind: ConversationKind;
  /** When its last message was sent. */
  lastActivityAt: Scalars['DateTime']['output'];
  /** The newest message, if any. */
  lastMessage?: Maybe<Message>;
  /** Its members. */
  members: Array<User>;
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** How far each member has read. */
  readReceipts: Array<ReadReceipt>;
  /** A group's title; null for direct chats. */
  title?: Maybe<Scalars['String']['output']>;
  /** Messages from others you have not read yet. */
  unreadCount: Scalars['Int']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  /** The items of this page with their cursors. */
  edges: Array<ConversationEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Conversation>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Conversation;
};

/** What a conversation is. */
export type ConversationKind =
  /** A user and their AI coach. */
  | 'COACH'
  /** Two users. */
  | 'DIRECT'
  /** Several users, managed by admins. */
  | 'GROUP';

/** One of your conversations changed. */
export type ConversationUpdate = {
  __typename?: 'ConversationUpdate';
  /** The conversation as it is now; null once you are not a member. */
  conversation?: Maybe<Conversation>;
  /** The conversation. */
  conversationId: Scalars['ID']['output'];
  /** What changed. */
  reason: ConversationUpdateReason;
};

/** Why a conversation changed. */
export type ConversationUpdateReason =
  /** It was created with you in it. */
  | 'CREATED'
  /** Its members or admins changed. */
  | 'MEMBERS'
  /** A message was added. */
  | 'MESSAGE'
  /** Your read position moved. */
  | 'READ'
  /** You are no longer a member. */
  | 'REMOVED';

/** A new calendar activity. */
export type CreateActivityInput = {
  /** Longer description. */
  description?: Scalars['String']['input'];
  /** End, not before the start. */
  endsAt: Scalars['DateTime']['input'];
  /** Goal it serves. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** Where it happens. */
  location?: InputMaybe<Scalars['String']['input']>;
  /** RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10. */
  recurrence?: InputMaybe<Scalars['String']['input']>;
  /** Start, with a UTC offset. */
  startsAt: Scalars['DateTime']['input'];
  /** IANA zone for recurrence; default the owner's zone. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** Short name; must not be empty. */
  title: Scalars['String']['input'];
};

/** A new API key for a script or integration. */
export type CreateApiKeyInput = {
  /** What the key is for (1-100 characters). */
  name: Scalars['String']['input'];
  /** What its tokens may do; READ when omitted. */
  scopes?: InputMaybe<Array<ApiKeyScope>>;
};

/** A new API key and, this once, its secret. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The key. */
  apiKey: ApiKey;
  /** The key itself, for `exchangeApiKey`. Store it now: it is not shown again. */
  secret: Scalars['String']['output'];
};

/** A new goal. */
export type CreateGoalInput = {
  /** The life area. */
  area: LifeArea;
  /** Longer description. */
  description?: Scalars['String']['input'];
  /** Target date. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** Make it a sub-goal of this goal (5 levels at most). */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Initial checklist. */
  tasks?: Array<TaskInputType>;
  /** Short name; must not be empty. */
  title: Scalars['String']['input'];
  /** Who may read it. */
  visibility?: Visibility;
};

/** Create a group; you become its admin. */
export type CreateGroupConversationInput = {
  /** Who to add besides you. */
  memberIds: Array<Scalars['ID']['input']>;
  /** The group's title, 1-100 characters. */
  title: Scalars['String']['input'];
};

/** A new habit. */
export type CreateHabitInput = {
  /** Longer description. */
  description?: Scalars['String']['input'];
  /** Goal it serves. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** When it is due. */
  schedule?: ScheduleKind;
  /** For TIMES_PER_WEEK. */
  timesPerWeek?: InputMaybe<Scalars['Int']['input']>;
  /** IANA zone used when the owner's profile has none. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** Short name; must not be empty. */
  title: Scalars['String']['input'];
  /** For WEEKDAYS: 0 (Monday) to 6 (Sunday). */
  weekdays?: Array<Scalars['Int']['input']>;
};

/** A new post. */
export type CreatePostInput = {
  /** The life area, or GENERAL. */
  category: PostCategory;
  /** One of the author's own goals this post is about (another user's goal is refused). */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** Up to 4 completed POST_MEDIA uploads of the author's (completeUpload ids), each on no other post. */
  mediaIds?: Array<Scalars['ID']['input']>;
  /** Up to 4 http(s) URLs of images or videos. */
  mediaUrls?: Array<Scalars['String']['input']>;
  /** 1-5000 characters of plain text. */
  text: Scalars['String']['input'];
};

/** A new project. */
export type CreateProjectInput = {
  /** `#rrggbb`. */
  color?: InputMaybe<Scalars['String']['input']>;
  /** Its name (at most 100 characters). */
  name: Scalars['String']['input'];
};

/** A new reminder: give `at` or `offsetMinutes`. */
export type CreateReminderInput = {
  /** Absolute time (with offset). */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** For a task: its goal. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** Minutes before the activity's next occurrence or 09:00 local on the due date. */
  offsetMinutes?: InputMaybe<Scalars['Int']['input']>;
  /** The goal, task, habit or activity. */
  targetId: Scalars['ID']['input'];
  /** What it is about. */
  targetType: ReminderTarget;
};

/** A new personal template. */
export type CreateTemplateInput = {
  /** The life area it serves. */
  area: LifeArea;
  /** What it creates. */
  goal: TemplateGoalInput;
};

/** A new standalone task. */
export type CreateTodoTaskInput = {
  /** The time it is due (with an offset); not with `dueDate`. */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The day it is due. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** One of the viewer's goals it counts toward. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** Markdown (at most 10,000 characters). */
  notes?: Scalars['String']['input'];
  /** Urgency. */
  priority?: TaskPriority;
  /** Its project; omit for the inbox. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** RRULE to repeat by (the calendar's rules), from the due date; needs one. */
  recurrence?: InputMaybe<Scalars['String']['input']>;
  /** Its checklist (at most 100 items). */
  subtasks?: Array<SubtaskInputType>;
  /** At most 20 tags of at most 40 characters. */
  tags?: Array<Scalars['String']['input']>;
  /** What to do (at most 200 characters). */
  title: Scalars['String']['input'];
};

/** A file about to be uploaded, as the client sees it. */
export type CreateUploadInput = {
  /** Its exact size in bytes. */
  byteSize: Scalars['Int']['input'];
  /** SHA-256 of its bytes, 64 hex digits. */
  checksumSha256: Scalars['String']['input'];
  /** Its MIME type; the bytes are checked. */
  contentType: Scalars['String']['input'];
  /** What the file is for. */
  purpose: Purpose;
};

/** One local day gathered: completions, habit check-ins, focus and mood, annotated by the day's journal entry (`writeJournalEntry`). */
export type DailyReview = {
  __typename?: 'DailyReview';
  /** Mean energy of the check-ins that gave one; null without any. */
  averageEnergy?: Maybe<Scalars['Float']['output']>;
  /** Mean mood; null without any. */
  averageMood?: Maybe<Scalars['Float']['output']>;
  /** The local day reviewed. */
  day: Scalars['Date']['output'];
  /** Finished focus minutes of sessions started that day. */
  focusMinutes: Scalars['Float']['output'];
  /** Finished focus sessions started that day. */
  focusSessions: Scalars['Int']['output'];
  /** Goals' own tasks ticked off that day. */
  goalTasksCompleted: Array<ReviewItem>;
  /** Habits checked in for that day. */
  habitsCheckedIn: Array<ReviewItem>;
  /** The day's journal entry: the viewer's annotation of the review. */
  journalEntry?: Maybe<JournalEntry>;
  /** That day's mood check-ins, in time order. */
  moodCheckIns: Array<MoodCheckIn>;
  /** Standalone tasks completed that day. */
  tasksCompleted: Array<ReviewItem>;
};

/** An archive of everything LifeGraph holds about its owner. */
export type DataExport = {
  __typename?: 'DataExport';
  /** Size of the archive, once ready. */
  byteSize?: Maybe<Scalars['Int']['output']>;
  /** A signed URL to GET the zip from; null until READY and after it expires. The URL itself expires: query again for a fresh one. */
  downloadUrl?: Maybe<Scalars['String']['output']>;
  /** Once ready: the archive can be downloaded until then. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The export's id. */
  id: Scalars['ID']['output'];
  /** Whether the archive holds the files. */
  includeMedia: Scalars['Boolean']['output'];
  /** Subgraphs whose part arrived (users, goals, community, ...). */
  partsReceived: Array<Scalars['String']['output']>;
  /** When the archive was ready. */
  readyAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was requested. */
  requestedAt: Scalars['DateTime']['output'];
  /** Where it stands now. */
  status: DataExportStatus;
};

/** PENDING while subgraphs send their parts; READY to download; FAILED when a part never came; EXPIRED once the download window closed. */
export type DataExportStatus =
  | 'EXPIRED'
  | 'FAILED'
  | 'PENDING'
  | 'READY';

/** Decline what the coach proposed: nothing is done. */
export type DeclineCoachProposalInput = {
  /** The proposal (`Message.proposal`). */
  proposalId: Scalars['ID']['input'];
};

/** Confirmation for deleting the signed-in account. */
export type DeleteAccountInput = {
  /** The password (required unless the account has none). */
  password?: InputMaybe<Scalars['String']['input']>;
};

/** What `deleteFromTrashForever` removed for good. */
export type DeleteFromTrashForeverPayload = {
  __typename?: 'DeleteFromTrashForeverPayload';
  /** The deleted object's id. */
  deletedId: Scalars['ID']['output'];
};

/** The goals a deletion moved to the trash (the goal and its sub-goals). */
export type DeleteGoalPayload = {
  __typename?: 'DeleteGoalPayload';
  /** Ids of the goals moved to the trash. */
  deletedIds: Array<Scalars['ID']['output']>;
};

/** Delete your message (its text and attachment are erased). */
export type DeleteMessageInput = {
  /** Your message. */
  messageId: Scalars['ID']['input'];
};

/** What `deleteProject` moved to the trash. */
export type DeleteProjectPayload = {
  __typename?: 'DeleteProjectPayload';
  /** The project's id. */
  deletedId: Scalars['ID']['output'];
  /** Its tasks, which went with it. */
  deletedTaskIds: Array<Scalars['ID']['output']>;
};

/** What `deleteTodoTask` removed. */
export type DeleteTodoTaskPayload = {
  __typename?: 'DeleteTodoTaskPayload';
  /** The removed task's id. */
  deletedId: Scalars['ID']['output'];
};

/** What a delete removed. */
export type DeletedPayload = {
  __typename?: 'DeletedPayload';
  /** The removed object's id. */
  deletedId: Scalars['ID']['output'];
};

/** An app install that receives the caller's push notifications. */
export type Device = {
  __typename?: 'Device';
  /** The app's bundle id or package name. */
  appId: Scalars['String']['output'];
  /** When it was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** Which push service reaches it. */
  platform: DevicePlatform;
  /** Its push token. */
  token: Scalars['String']['output'];
};

/** Which push service reaches a device. */
export type DevicePlatform =
  | 'ANDROID'
  | 'IOS'
  | 'WEB';

/** Proof for turning two-step sign-in off: a code or the password. */
export type DisableTotpInput = {
  /** Authenticator app code. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** The account password. */
  password?: InputMaybe<Scalars['String']['input']>;
};

/** New text for one's own comment. */
export type EditCommentInput = {
  /** The comment to change. */
  commentId: Scalars['ID']['input'];
  /** 1-2000 characters of plain text. */
  text: Scalars['String']['input'];
};

/** Change the text of your message. */
export type EditMessageInput = {
  /** Your message. */
  messageId: Scalars['ID']['input'];
  /** The new text. */
  text: Scalars['String']['input'];
};

/** Changes to one's own post; omitted fields stay as they are. */
export type EditPostInput = {
  /** New category. */
  category?: InputMaybe<PostCategory>;
  /** New media URLs (replaces the old list). */
  mediaUrls?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The post to change. */
  postId: Scalars['ID']['input'];
  /** New text. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** What `emptyTrash` removed for good. */
export type EmptyTrashPayload = {
  __typename?: 'EmptyTrashPayload';
  /** How many trash items went. */
  deletedCount: Scalars['Int']['output'];
};

/** An API key to trade for an access token. */
export type ExchangeApiKeyInput = {
  /** The secret `createApiKey` returned. */
  apiKey: Scalars['String']['input'];
};

/** Identifies a focus session. */
export type FocusIdInput = {
  /** The session. */
  id: Scalars['ID']['input'];
};

/** A timed stretch of focused work. */
export type FocusSession = {
  __typename?: 'FocusSession';
  /** When it finished or was cancelled. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Linked goal, if any. */
  goalId?: Maybe<Scalars['ID']['output']>;
  /** The session's id. */
  id: Scalars['ID']['output'];
  /** How many times it was paused. */
  interruptions: Scalars['Int']['output'];
  /** Focused minutes (pauses excluded) once done. */
  minutes: Scalars['Float']['output'];
  /** How long it was meant to last. */
  plannedMinutes: Scalars['Int']['output'];
  /** When it started. */
  startedAt: Scalars['DateTime']['output'];
  /** Where it stands. */
  status: FocusStatus;
  /** Linked task, if any. */
  taskId?: Maybe<Scalars['ID']['output']>;
};

/** Focus totals by day and by week. */
export type FocusStats = {
  __typename?: 'FocusStats';
  /** Days with focus, oldest first. */
  byDay: Array<FocusTotal>;
  /** Weeks with focus, oldest first. */
  byWeek: Array<FocusTotal>;
  /** All focused minutes in the range. */
  totalMinutes: Scalars['Float']['output'];
};

/** Lifecycle of a focus session. */
export type FocusStatus =
  | 'CANCELLED'
  | 'FINISHED'
  | 'PAUSED'
  | 'RUNNING';

/** Focus totals for one local day or week. */
export type FocusTotal = {
  __typename?: 'FocusTotal';
  /** Pauses in those sessions. */
  interruptions: Scalars['Int']['output'];
  /** Focused minutes. */
  minutes: Scalars['Float']['output'];
  /** The day, or the Monday starting the week. */
  period: Scalars['Date']['output'];
  /** Finished sessions. */
  sessions: Scalars['Int']['output'];
};

/** One side of a follow: the other user and since when. */
export type FollowLink = {
  __typename?: 'FollowLink';
  /** When the follow started. */
  since: Scalars['DateTime']['output'];
  /** The user on the other side of the follow. */
  user: User;
};

/** A page of items with cursors (Relay cursor connection). */
export type FollowLinkConnection = {
  __typename?: 'FollowLinkConnection';
  /** The items of this page with their cursors. */
  edges: Array<FollowLinkEdge>;
  /** The items of this page without cursors. */
  nodes: Array<FollowLink>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type FollowLinkEdge = {
  __typename?: 'FollowLinkEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: FollowLink;
};

/** A goal, with chart-ready insights. */
export type Goal = Node & {
  __typename?: 'Goal';
  /** The life area it belongs to. */
  area: LifeArea;
  /** When it was completed. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** 1 for a top-level goal, up to 5. */
  depth: Scalars['Int']['output'];
  /** Longer description; may be empty. */
  description: Scalars['String']['output'];
  /** The target date, if any. */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /** The goal's id. */
  id: Scalars['ID']['output'];
  /** Progress and activity over time. Owner only; null for a goal never seen. */
  insights?: Maybe<GoalInsights>;
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** The owner's user id. */
  ownerId: Scalars['ID']['output'];
  /** The parent goal; null for top-level goals or when hidden. */
  parent?: Maybe<Goal>;
  /** Posts its owner linked to this goal, if the viewer may see the goal and the posts; newest first. */
  posts: PostConnection;
  /** 0-100. */
  progress: Scalars['Int']['output'];
  /** How progress is determined. */
  progressMode: ProgressMode;
  /** Active, paused, completed or abandoned. */
  status: GoalStatus;
  /** Sub-goals the viewer may read. */
  subGoals: Array<Goal>;
  /** Its checklist, in order. */
  tasks: Array<Task>;
  /** The template it was created from, if any. */
  templateId?: Maybe<Scalars['ID']['output']>;
  /** Short name of the goal. */
  title: Scalars['String']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Who may read it. */
  visibility: Visibility;
};


/** A goal, with chart-ready insights. */
export type GoalPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** One of your goals changed: `goal` as it is now, or deleted. */
export type GoalChange = {
  __typename?: 'GoalChange';
  /** Its place in your changes: pass it as `after` to resume after it. */
  cursor: Scalars['String']['output'];
  /** Whether it was deleted (then `goal` is null). */
  deleted: Scalars['Boolean']['output'];
  /** The goal as it is now. */
  goal?: Maybe<Goal>;
  /** The goal that changed. */
  goalId: Scalars['ID']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type GoalConnection = {
  __typename?: 'GoalConnection';
  /** The items of this page with their cursors. */
  edges: Array<GoalEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Goal>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type GoalEdge = {
  __typename?: 'GoalEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Goal;
};

/** Identifies a goal. */
export type GoalIdInput = {
  /** The goal. */
  id: Scalars['ID']['input'];
};

/** Chart-ready time series about one goal. */
export type GoalInsights = {
  __typename?: 'GoalInsights';
  /** Focus minutes linked to the goal, per local day. */
  focusMinutesPerDay: Array<ChartPoint>;
  /** Progress (0-100) each time the goal changed. */
  progress: Array<ChartPoint>;
  /** Tasks of the goal completed, per local day. */
  tasksCompletedPerDay: Array<ChartPoint>;
  /** All focus minutes on the goal. */
  totalFocusMinutes: Scalars['Float']['output'];
};

/** Where a goal stands. */
export type GoalStatus =
  | 'ABANDONED'
  | 'ACTIVE'
  | 'COMPLETED'
  | 'PAUSED';

/** A template proposed for a weak life area. */
export type GoalSuggestion = {
  __typename?: 'GoalSuggestion';
  /** The user's score in that area, if known. */
  areaScore?: Maybe<Scalars['Int']['output']>;
  /** Why it is proposed. */
  reason: Scalars['String']['output'];
  /** The proposed template. */
  template: GoalTemplate;
};

/** A ready-made goal plan. */
export type GoalTemplate = {
  __typename?: 'GoalTemplate';
  /** The life area it serves. */
  area: LifeArea;
  /** Part of the catalog rather than the user's own. */
  builtIn: Scalars['Boolean']['output'];
  /** What instantiating it creates. */
  goal: TemplateGoal;
  /** Template id; built-ins start with `builtin-`. */
  id: Scalars['ID']['output'];
};

/** A recurring behaviour with check-ins and streaks. */
export type Habit = Node & {
  __typename?: 'Habit';
  /** Checked in on the owner's local today. */
  checkedInToday: Scalars['Boolean']['output'];
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The running streak (days or weeks). */
  currentStreak: Scalars['Int']['output'];
  /** Longer description; may be empty. */
  description: Scalars['String']['output'];
  /** Freezes a missed day of this month may still use (see docs/goals.md). */
  freezesLeft: Scalars['Int']['output'];
  /** Missed days covered by a freeze (`freezeHabitDay`). */
  frozenDays: Array<Scalars['Date']['output']>;
  /** The goal it serves, if any. */
  goalId?: Maybe<Scalars['ID']['output']>;
  /** The habit's id. */
  id: Scalars['ID']['output'];
  /** The longest streak ever. */
  longestStreak: Scalars['Int']['output'];
  /** Streak milestones announced. */
  milestonesReached: Array<Scalars['Int']['output']>;
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** Whether the owner's vacation pauses streaks today. */
  onVacation: Scalars['Boolean']['output'];
  /** Check-in days of the last 60 days, oldest first. */
  recentCheckIns: Array<Scalars['Date']['output']>;
  /** When it is due. */
  schedule: ScheduleKind;
  /** Local days skipped (`skipHabitDay`): they pause the streak. */
  skippedDays: Array<Scalars['Date']['output']>;
  /** What the streaks count. */
  streakUnit: StreakUnit;
  /** For TIMES_PER_WEEK: N. */
  timesPerWeek?: Maybe<Scalars['Int']['output']>;
  /** Fallback zone for local days when the owner's profile has none. */
  timezone?: Maybe<Scalars['String']['output']>;
  /** Short name. */
  title: Scalars['String']['output'];
  /** The owner's local day now. */
  today: Scalars['Date']['output'];
  /** For WEEKDAYS: 0 (Monday) to 6 (Sunday). */
  weekdays: Array<Scalars['Int']['output']>;
};

/** One of your habits changed (its streaks included), or deleted. */
export type HabitChange = {
  __typename?: 'HabitChange';
  /** Its place in your changes: pass it as `after` to resume after it. */
  cursor: Scalars['String']['output'];
  /** Whether it was deleted (then `habit` is null). */
  deleted: Scalars['Boolean']['output'];
  /** The habit as it is now. */
  habit?: Maybe<Habit>;
  /** The habit that changed. */
  habitId: Scalars['ID']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type HabitConnection = {
  __typename?: 'HabitConnection';
  /** The items of this page with their cursors. */
  edges: Array<HabitEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Habit>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** A habit and one of its owner's local days. */
export type HabitDayInput = {
  /** The local day. */
  day: Scalars['Date']['input'];
  /** The habit. */
  habitId: Scalars['ID']['input'];
};

/** One item of a connection with its cursor. */
export type HabitEdge = {
  __typename?: 'HabitEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Habit;
};

/** Identifies a habit. */
export type HabitIdInput = {
  /** The habit. */
  id: Scalars['ID']['input'];
};

/** Mood on days a habit was checked in versus days it was not. */
export type HabitMoodCorrelation = {
  __typename?: 'HabitMoodCorrelation';
  /** The habit (`habit(id:)`); compared from its first check-in on. */
  habitId: Scalars['ID']['output'];
  /** The comparison, with sample sizes. */
  mood: MoodComparison;
};

/** Create goals from a template. */
export type InstantiateTemplateInput = {
  /** Nest under it. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Due dates count from this day (default: today). */
  startDate?: InputMaybe<Scalars['Date']['input']>;
  /** The template. */
  templateId: Scalars['ID']['input'];
  /** Visibility of every created goal. */
  visibility?: Visibility;
};

/** The viewer's journal for one local day. Private: only its owner reads it, and no event, feed or coach sees its text unless `shareWithCoach` is set. */
export type JournalEntry = {
  __typename?: 'JournalEntry';
  /** Markdown, at most 20,000 characters. */
  body: Scalars['String']['output'];
  /** When it was first written. */
  createdAt: Scalars['DateTime']['output'];
  /** The local day it is about (one entry a day). */
  day: Scalars['Date']['output'];
  /** The entry's id. */
  id: Scalars['ID']['output'];
  /** Whether the owner lets the AI coach read this entry (off by default). */
  shareWithCoach: Scalars['Boolean']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type JournalEntryConnection = {
  __typename?: 'JournalEntryConnection';
  /** The items of this page with their cursors. */
  edges: Array<JournalEntryEdge>;
  /** The items of this page without cursors. */
  nodes: Array<JournalEntry>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type JournalEntryEdge = {
  __typename?: 'JournalEntryEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: JournalEntry;
};

/** Identifies a journal entry. */
export type JournalEntryIdInput = {
  /** The entry. */
  id: Scalars['ID']['input'];
};

/** The six areas of life goals belong to. */
export type LifeArea =
  | 'CAREER'
  | 'CREATIVITY'
  | 'FAMILY'
  | 'FINANCE'
  | 'HEALTH'
  | 'LEARNING';

/** How one life area is going: the user's rating and their activity. */
export type LifeAreaBalance = {
  __typename?: 'LifeAreaBalance';
  /** Activity score 0-100 over the last 30 days. */
  activity: Scalars['Int']['output'];
  /** health, finance, family, career, learning or creativity. */
  area: Scalars['String']['output'];
  /** The user's own rating 0-100, null if never rated. */
  rating?: Maybe<Scalars['Int']['output']>;
  /** Combined score 0-100 (see docs/analytics.md). */
  score: Scalars['Int']['output'];
};

/** Self-assessed scores, 0-100, for each area of life. */
export type LifeAreas = {
  __typename?: 'LifeAreas';
  /** Career. */
  career: Scalars['Int']['output'];
  /** Creativity. */
  creativity: Scalars['Int']['output'];
  /** Family. */
  family: Scalars['Int']['output'];
  /** Finance. */
  finance: Scalars['Int']['output'];
  /** Health. */
  health: Scalars['Int']['output'];
  /** Learning. */
  learning: Scalars['Int']['output'];
};

/** Scores for every life area and their mean. */
export type LifeBalance = {
  __typename?: 'LifeBalance';
  /** One entry per life area. */
  areas: Array<LifeAreaBalance>;
  /** Mean of the area scores. */
  overall: Scalars['Int']['output'];
};

/** A mood check-in. */
export type LogMoodInput = {
  /** When it was felt (with an offset); now when omitted. */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** Energy from 1 (low) to 5 (high). */
  energy?: InputMaybe<Scalars['Int']['input']>;
  /** Mood from 1 (low) to 5 (high). */
  mood: Scalars['Int']['input'];
  /** At most 10 tags of at most 40 characters. */
  tags?: Array<Scalars['String']['input']>;
};

/** A measurement to log. */
export type LogTrackerInput = {
  /** For spending. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** Required for SPENDING. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Default now. */
  loggedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** What is measured. */
  metric: TrackerMetric;
  /** Free text. */
  note?: Scalars['String']['input'];
  /** The value, within a plausible range. */
  value: Scalars['Float']['input'];
};

/** Sign in with email and password. */
export type LoginInput = {
  /** The account's email address. */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
  /** Code from the authenticator app, when two-step sign-in is on. */
  totpCode?: InputMaybe<Scalars['String']['input']>;
};

/** The session to end. */
export type LogoutInput = {
  /** Any refresh token of the session. */
  refreshToken: Scalars['String']['input'];
};

/** Move your read position forward. */
export type MarkConversationReadInput = {
  /** The conversation. */
  conversationId: Scalars['ID']['input'];
  /** The newest message you have read; omit for all of them. */
  messageId?: InputMaybe<Scalars['ID']['input']>;
};

/** Notifications to mark as read. */
export type MarkNotificationsReadInput = {
  /** Up to 100 notification ids. */
  ids: Array<Scalars['ID']['input']>;
};

/** Result of marking notifications read. */
export type MarkNotificationsReadPayload = {
  __typename?: 'MarkNotificationsReadPayload';
  /** Unread notifications left. */
  unreadCount: Scalars['Int']['output'];
  /** Notifications that changed to read. */
  updatedCount: Scalars['Int']['output'];
};

/** A verified file, served by the media subgraph. */
export type Media = {
  __typename?: 'Media';
  /** Size of the stored original, in bytes. */
  byteSize: Scalars['Int']['output'];
  /** Its type, sniffed from its bytes. */
  contentType: Scalars['String']['output'];
  /** When the upload started. */
  createdAt: Scalars['DateTime']['output'];
  /** Length in seconds (audio), read from the file; null if unknown. */
  durationSeconds?: Maybe<Scalars['Float']['output']>;
  /** Height in pixels (images). */
  height?: Maybe<Scalars['Int']['output']>;
  /** The media's id. */
  id: Scalars['ID']['output'];
  /** What it was uploaded for. */
  purpose: Purpose;
  /** A signed URL to GET this size from; it expires (re-query for a new one). Files without thumbnails give their original for every size. */
  url: Scalars['String']['output'];
  /** Width in pixels (images). */
  width?: Maybe<Scalars['Int']['output']>;
};


/** A verified file, served by the media subgraph. */
export type MediaUrlArgs = {
  size?: MediaSize;
};

/** ORIGINAL: the cleaned file; SMALL (128 px) and MEDIUM (512 px) thumbnails. */
export type MediaSize =
  | 'MEDIUM'
  | 'ORIGINAL'
  | 'SMALL';

/** A chat message. */
export type Message = Node & {
  __typename?: 'Message';
  /** An attached file, if any. */
  attachment?: Maybe<Attachment>;
  /** Uploaded files and voice messages (completeUpload), in order; a file already removed is null. On a coach reply to a voice message: the reply spoken (a VOICE_MESSAGE with its durationSeconds), added a moment after the text when a speech provider is configured. Media signs their URLs for the conversation's members only. */
  attachments: Array<Maybe<Media>>;
  /** Whether a user or the coach wrote it. */
  author: MessageAuthor;
  /** The id the sending client chose to make its send idempotent. */
  clientMessageId?: Maybe<Scalars['String']['output']>;
  /** Its conversation. */
  conversationId: Scalars['ID']['output'];
  /** When it was sent (UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** Its position in the history: pass as `after` to catch up from here. */
  cursor: Scalars['String']['output'];
  /** When its author deleted it. */
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was last edited. */
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The message's id. */
  id: Scalars['ID']['output'];
  /** Whether its author deleted it. */
  isDeleted: Scalars['Boolean']['output'];
  /** True while the coach is still writing this message. */
  isStreaming: Scalars['Boolean']['output'];
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** For coach messages: what the coach offers to do, awaiting your answer. */
  proposal?: Maybe<CoachProposal>;
  /** For coach replies: the message answered. */
  replyTo?: Maybe<Scalars['ID']['output']>;
  /** Who sent it; null for the coach and for deleted accounts. `displayName` and `avatarUrl` come with the message; other fields from the users subgraph. */
  sender?: Maybe<User>;
  /** The text; empty once deleted. */
  text: Scalars['String']['output'];
  /** What its voice messages say, once transcribed; null without a transcription provider. */
  transcript?: Maybe<Scalars['String']['output']>;
};

/** Who wrote a message. */
export type MessageAuthor =
  /** The AI coach. */
  | 'COACH'
  /** A user (see `sender`). */
  | 'USER';

/** A page of items with cursors (Relay cursor connection). */
export type MessageConnection = {
  __typename?: 'MessageConnection';
  /** The items of this page with their cursors. */
  edges: Array<MessageEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Message>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type MessageEdge = {
  __typename?: 'MessageEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Message;
};

/** A moderator's action on a post or comment. */
export type ModerateInput = {
  /** What to do. */
  action: ModerationActionKind;
  /** Why, for the audit log (1-500 characters). */
  reason: Scalars['String']['input'];
  /** The post's or comment's id. */
  targetId: Scalars['ID']['input'];
  /** Whether a post or a comment. */
  targetType: ModerationTarget;
};

/** An audit-log entry: who did what to which content, when and why. */
export type ModerationAction = {
  __typename?: 'ModerationAction';
  /** What was done. */
  action: ModerationActionKind;
  /** When it was done. */
  createdAt: Scalars['DateTime']['output'];
  /** The entry's id. */
  id: Scalars['ID']['output'];
  /** The moderator who acted. */
  moderator: User;
  /** Why, in the moderator's words. */
  reason: Scalars['String']['output'];
  /** The author of the content acted on. */
  targetAuthor: User;
  /** The post's or comment's id. */
  targetId: Scalars['ID']['output'];
  /** Whether a post or a comment. */
  targetType: ModerationTarget;
};

/** A page of items with cursors (Relay cursor connection). */
export type ModerationActionConnection = {
  __typename?: 'ModerationActionConnection';
  /** The items of this page with their cursors. */
  edges: Array<ModerationActionEdge>;
  /** The items of this page without cursors. */
  nodes: Array<ModerationAction>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ModerationActionEdge = {
  __typename?: 'ModerationActionEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ModerationAction;
};

/** What a moderator did to a piece of content. */
export type ModerationActionKind =
  | 'HIDE'
  | 'REMOVE'
  | 'RESTORE'
  | 'WARN';

/** One entry of the moderation queue: a reported or held post or comment. */
export type ModerationCase = {
  __typename?: 'ModerationCase';
  /** The reported comment, when the target is a comment. */
  comment?: Maybe<Comment>;
  /** Whether the word filter is holding it back. */
  held: Scalars['Boolean']['output'];
  /** The case's id. */
  id: Scalars['ID']['output'];
  /** When the case was first opened. */
  openedAt: Scalars['DateTime']['output'];
  /** The reported post, when the target is a post. */
  post?: Maybe<Post>;
  /** The latest reasons given (up to 20). */
  reasons: Array<Scalars['String']['output']>;
  /** How many users reported it. */
  reportCount: Scalars['Int']['output'];
  /** Open until a moderator acts. */
  status: ModerationCaseStatus;
  /** Who wrote the content. */
  targetAuthor: User;
  /** The post's or comment's id. */
  targetId: Scalars['ID']['output'];
  /** Whether a post or a comment. */
  targetType: ModerationTarget;
};

/** A page of items with cursors (Relay cursor connection). */
export type ModerationCaseConnection = {
  __typename?: 'ModerationCaseConnection';
  /** The items of this page with their cursors. */
  edges: Array<ModerationCaseEdge>;
  /** The items of this page without cursors. */
  nodes: Array<ModerationCase>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ModerationCaseEdge = {
  __typename?: 'ModerationCaseEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ModerationCase;
};

/** Whether a moderation case is open. */
export type ModerationCaseStatus =
  | 'OPEN'
  | 'RESOLVED';

/** Kinds of content that can be reported. */
export type ModerationTarget =
  | 'COMMENT'
  | 'POST';

/** How the viewer felt at one moment. */
export type MoodCheckIn = {
  __typename?: 'MoodCheckIn';
  /** When it was felt. */
  at: Scalars['DateTime']['output'];
  /** The viewer's local day of `at` when logged. */
  day: Scalars['Date']['output'];
  /** Energy from 1 (low) to 5 (high), if given. */
  energy?: Maybe<Scalars['Int']['output']>;
  /** The check-in's id. */
  id: Scalars['ID']['output'];
  /** Mood from 1 (low) to 5 (high). */
  mood: Scalars['Int']['output'];
  /** Normalised tags (lower case, no '#'). */
  tags: Array<Scalars['String']['output']>;
};

/** A page of items with cursors (Relay cursor connection). */
export type MoodCheckInConnection = {
  __typename?: 'MoodCheckInConnection';
  /** The items of this page with their cursors. */
  edges: Array<MoodCheckInEdge>;
  /** The items of this page without cursors. */
  nodes: Array<MoodCheckIn>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type MoodCheckInEdge = {
  __typename?: 'MoodCheckInEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: MoodCheckIn;
};

/** Identifies a mood check-in. */
export type MoodCheckInIdInput = {
  /** The check-in. */
  id: Scalars['ID']['input'];
};

/** Mean daily mood on days with something versus days without it. A side with fewer days than `minimumSample` shows no mean (null), and then no difference either. */
export type MoodComparison = {
  __typename?: 'MoodComparison';
  /** `withAverage - withoutAverage`, when both are shown. */
  difference?: Maybe<Scalars['Float']['output']>;
  /** Mean mood (1-5) on the days with it; null under the minimum sample. */
  withAverage?: Maybe<Scalars['Float']['output']>;
  /** How many mood days had it (sample size). */
  withDays: Scalars['Int']['output'];
  /** Mean mood on the other days; null under the minimum sample. */
  withoutAverage?: Maybe<Scalars['Float']['output']>;
  /** How many mood days lacked it. */
  withoutDays: Scalars['Int']['output'];
};

/** How mood goes with habits and focus over recent local days. */
export type MoodCorrelations = {
  __typename?: 'MoodCorrelations';
  /** The window, in local days up to today. */
  days: Scalars['Int']['output'];
  /** Days with a finished focus session versus days without. */
  focus: MoodComparison;
  /** One per habit ever checked in. */
  habits: Array<HabitMoodCorrelation>;
  /** Days a side needs before its mean is shown. */
  minimumSample: Scalars['Int']['output'];
  /** Days in the window with a mood check-in. */
  moodDays: Scalars['Int']['output'];
  /** The window's first local day. */
  since: Scalars['Date']['output'];
};

/** Move one occurrence of a recurring activity. */
export type MoveOccurrenceInput = {
  /** The activity. */
  activityId: Scalars['ID']['input'];
  /** New end. */
  endsAt: Scalars['DateTime']['input'];
  /** The occurrence's slot. */
  originalStart: Scalars['DateTime']['input'];
  /** New start. */
  startsAt: Scalars['DateTime']['input'];
};

/** Moves a task to a project or to the inbox. */
export type MoveTodoTaskInput = {
  /** The task. */
  id: Scalars['ID']['input'];
  /** The target project; null for the inbox. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
};

/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Comment on a post, or reply to a comment. */
  addComment: Comment;
  /** Add members to a group you administer. */
  addGroupMembers: Conversation;
  /** Add a task to a goal. */
  addTask: Goal;
  /** Block a user: each stops seeing the other's content, follows both ways end. */
  blockUser: User;
  /** Cancel a session; it counts towards no totals. */
  cancelFocusSession: FocusSession;
  /** Cancel one occurrence of a recurring activity. */
  cancelOccurrence: Activity;
  /** Change the password; other sessions are ended. */
  changePassword: Scalars['Boolean']['output'];
  /** Check in for a day (once per local day). */
  checkInHabit: Habit;
  /** Tick a task off (publishes `goals.task.completed`). */
  completeTodoTask: TodoTask;
  /** Verify an uploaded file (size, SHA-256, real type) and make it Media. */
  completeUpload: Media;
  /** Confirm what your coach proposed; it is then carried out (a goal is created by the goals subgraph, and the coach says so once it exists). Only a pending proposal: else `CONFLICT` with `reason: PROPOSAL_DECIDED`. */
  confirmCoachProposal: CoachProposal;
  /** Finish turning two-step sign-in on with a code from the app. */
  confirmTotp: User;
  /** Schedule an activity. */
  createActivity: Activity;
  /** Make an API key for a script or integration; the secret is shown once. */
  createApiKey: CreateApiKeyPayload;
  /** Create a goal (optionally as a sub-goal, with tasks). */
  createGoal: Goal;
  /** Save a personal goal template. */
  createGoalTemplate: GoalTemplate;
  /** Create a group conversation with you as admin. */
  createGroupConversation: Conversation;
  /** Create a habit. */
  createHabit: Habit;
  /** Write a post. */
  createPost: Post;
  /** Create a project (a list of tasks). */
  createProject: Project;
  /** Set a reminder. */
  createReminder: Reminder;
  /** Create a task in the inbox or a project. */
  createTodoTask: TodoTask;
  /** Start an upload: a short-lived URL to PUT the file to, straight to storage. */
  createUpload: PresignedUpload;
  /** Decline what your coach proposed; nothing is done. Only a pending proposal: else `CONFLICT` with `reason: PROPOSAL_DECIDED`. */
  declineCoachProposal: CoachProposal;
  /** Delete the signed-in account and everything of it here. */
  deleteAccount: Scalars['Boolean']['output'];
  /** Delete an activity and its reminders. */
  deleteActivity: Scalars['ID']['output'];
  /** Delete one's own comment (a top-level one takes its replies). */
  deleteComment: Removed;
  /** Delete one trash item for good; it cannot be restored. */
  deleteFromTrashForever: DeleteFromTrashForeverPayload;
  /** Move a goal with all its sub-goals (and their reminders) to the trash (`restoreFromTrash` for 30 days). */
  deleteGoal: DeleteGoalPayload;
  /** Delete one of the viewer's templates. */
  deleteGoalTemplate: Scalars['ID']['output'];
  /** Move a habit with its check-ins and reminders to the trash (`restoreFromTrash` for 30 days). */
  deleteHabit: Scalars['ID']['output'];
  /** Move one of the viewer's journal entries to the trash (`restoreFromTrash` for 30 days). */
  deleteJournalEntry: DeletedPayload;
  /** Delete your message, leaving a tombstone in the history. */
  deleteMessage: Message;
  /** Delete a mood check-in (publishes `goals.mood.deleted`). */
  deleteMoodCheckIn: DeletedPayload;
  /** Delete one's own post with its comments, likes and saves. */
  deletePost: Removed;
  /** Move a project with all its tasks to the trash (`restoreFromTrash` for 30 days); `updateProject(archived: true)` keeps it instead. */
  deleteProject: DeleteProjectPayload;
  /** Remove a reminder. */
  deleteReminder: Scalars['ID']['output'];
  /** Move a task (with its time block) to the trash (`restoreFromTrash` for 30 days). */
  deleteTodoTask: DeleteTodoTaskPayload;
  /** Turn two-step sign-in off, proven by a code or the password. */
  disableTotp: User;
  /** Edit one's own comment. */
  editComment: Comment;
  /** Edit the text of your message. */
  editMessage: Message;
  /** Edit one's own post. */
  editPost: Post;
  /** Delete everything in the viewer's trash for good. */
  emptyTrash: EmptyTrashPayload;
  /** End the running vacation (its last day is yesterday). */
  endVacation: Array<Vacation>;
  /** Start turning two-step sign-in on: a secret for the app. */
  enrollTotp: TotpEnrollment;
  /** Trade an API key for a short-lived access token. */
  exchangeApiKey: ApiKeyTokenPayload;
  /** Finish a session and record its focused minutes. */
  finishFocusSession: FocusSession;
  /** Follow a user; returns them. */
  followUser: User;
  /** Spend a freeze on a missed past day so the streak runs over it (limited: see `freezesLeft`). */
  freezeHabitDay: Habit;
  /** Create a goal with its tasks and sub-goals from a template. */
  instantiateGoalTemplate: Goal;
  /** Like a post; liking twice is the same as once. */
  likePost: Post;
  /** Log how the viewer feels (publishes `goals.mood.logged`). */
  logMood: MoodCheckIn;
  /** Log a vitals, spending or learning measurement. */
  logTrackerEntry: TrackerEntry;
  /** Sign in with email and password (and TOTP code if on). */
  login: AuthPayload;
  /** End the session a refresh token belongs to. */
  logout: Scalars['Boolean']['output'];
  /** End every session of the signed-in member. */
  logoutEverywhere: Scalars['Boolean']['output'];
  /** Mark all of the caller's notifications as read. */
  markAllNotificationsRead: MarkNotificationsReadPayload;
  /** Mark messages read, up to one message or all of them. */
  markConversationRead: Conversation;
  /** Mark some of the caller's notifications as read. */
  markNotificationsRead: MarkNotificationsReadPayload;
  /** Hide, remove, restore or warn about content. Moderators only. */
  moderate: ModerationAction;
  /** Move one occurrence of a recurring activity. */
  moveOccurrence: Activity;
  /** Move a task to a project or the inbox (`goals.task.moved`). */
  moveTodoTask: TodoTask;
  /** Finish signing in with Google or Apple. */
  oauthFinish: AuthPayload;
  /** Begin signing in with Google or Apple. */
  oauthStart: OAuthStartPayload;
  /** Your conversation with the AI coach, created on first use. */
  openCoachConversation: Conversation;
  /** Pause a running session (counts as an interruption). */
  pauseFocusSession: FocusSession;
  /** Exchange a refresh token for a new pair. Reusing an old one ends the session. */
  refreshToken: AuthPayload;
  /** Create an account and sign in to it. */
  register: AuthPayload;
  /** Register the caller's app install for push (FCM or APNs). The same token registered again, by anyone, moves to the caller; past the per-user cap the oldest device is dropped. */
  registerDevice: Device;
  /** Register a browser for web push. */
  registerPushSubscription: PushSubscription;
  /** Remove a member (admins) or leave a group (yourself). */
  removeGroupMember: Conversation;
  /** Remove the member's phone number (no more SMS notifications). */
  removePhone: User;
  /** Stop web push to a browser. */
  removePushSubscription: RemovePushSubscriptionPayload;
  /** Remove a task from a goal. */
  removeTask: Goal;
  /** Report a post or comment to the moderators. */
  reportContent: ModerationCase;
  /** Start an archive of everything LifeGraph holds about you, from every subgraph; you are notified when it is ready. One at a time (RATE_LIMITED). */
  requestDataExport: RequestDataExportPayload;
  /** Mail a link confirming the address; false if not needed. */
  requestEmailVerification: Scalars['Boolean']['output'];
  /** Mail a reset link. Answers true whether or not the account exists. */
  requestPasswordReset: Scalars['Boolean']['output'];
  /** Set a new password with a reset token; ends all sessions. */
  resetPassword: Scalars['Boolean']['output'];
  /** Put a trash item back as it was (a goal with its sub-goals, tasks, reminders and links; a project with its tasks; a habit with its check-ins). NOT_FOUND when it is not in the viewer's trash; CONFLICT when it cannot go back: it went with a parent goal's sub-tree (restore that), its parent goal is in the trash (restore that first), it would nest too deep, or its day has a journal entry now. */
  restoreFromTrash: RestoreFromTrashPayload;
  /** Resume a paused session. */
  resumeFocusSession: FocusSession;
  /** Revoke one of your API keys; tokens already traded for it live out their few minutes. */
  revokeApiKey: ApiKey;
  /** Issue a new secret feed URL; the previous one stops working. */
  rotateCalendarFeed: CalendarFeedPayload;
  /** Save a goal, its sub-goals and tasks as a personal template; due dates become days after the goal's creation day, abandoned sub-goals are left out. */
  saveGoalAsTemplate: GoalTemplate;
  /** Bookmark a post. */
  savePost: Post;
  /** Block time for a task: it shows as an occurrence in `calendar` and the .ics feed. Scheduling again moves the block. */
  scheduleTodoTask: TodoTask;
  /** Send a message; idempotent per `clientMessageId`. */
  sendMessage: Message;
  /** Complete, reopen, pause or abandon a goal. */
  setGoalStatus: Goal;
  /** Tell the other members you are typing (never stored). */
  setTyping: Scalars['Boolean']['output'];
  /** Set a member's roles (admins only). */
  setUserRoles: User;
  /** Skip a local day: it pauses the streak (at most 8 a month, a year ahead). */
  skipHabitDay: Habit;
  /** The one direct conversation with a user, created if new. */
  startDirectConversation: Conversation;
  /** Start a session; CONFLICT while another is open. */
  startFocusSession: FocusSession;
  /** Text a one-time code to a mobile number for the signed-in member. BAD_USER_INPUT for a number that is not a valid mobile number (nothing is stored); RATE_LIMITED past the codes allowed per number and per member in an hour. */
  startPhoneVerification: PhoneVerificationStarted;
  /** Start (or plan) a vacation: every habit's streak pauses. */
  startVacation: Array<Vacation>;
  /** Lift a block (follows are not restored). */
  unblockUser: User;
  /** Reopen a task (publishes `goals.task.uncompleted`). */
  uncompleteTodoTask: TodoTask;
  /** Undo a day's check-in. */
  undoHabitCheckIn: Habit;
  /** Stop following a user; returns them. */
  unfollowUser: User;
  /** Take back a like; harmless when there was none. */
  unlikePost: Post;
  /** Stop pushing to one of the caller's devices (e.g. on sign-out). */
  unregisterDevice: UnregisterDevicePayload;
  /** Remove a bookmark. */
  unsavePost: Removed;
  /** Remove a task's time block from the calendar. */
  unscheduleTodoTask: TodoTask;
  /** Stop skipping a local day. */
  unskipHabitDay: Habit;
  /** Change an activity; validated as on creation. */
  updateActivity: Activity;
  /** Change a goal's fields, parent or progress. */
  updateGoal: Goal;
  /** Change a habit's title, schedule or zone. Check-ins stay; streaks follow the new schedule, and a change between day and week streaks resets milestones. */
  updateHabit: Habit;
  /** Change the signed-in member's life-area scores. */
  updateLifeAreas: User;
  /** Change which channels get which notifications, and quiet hours. */
  updateNotificationPreferences: NotificationPreferences;
  /** Change the signed-in member's preferences. */
  updatePreferences: User;
  /** Change the signed-in member's profile. */
  updateProfile: User;
  /** Rename, recolour, archive or restore a project. */
  updateProject: Project;
  /** Change a task, or tick it off. */
  updateTask: Goal;
  /** Change a task's fields (not its project: `moveTodoTask`). */
  updateTodoTask: TodoTask;
  /** Confirm an email address with the mailed token. */
  verifyEmail: Scalars['Boolean']['output'];
  /** Prove the number with its code: it becomes the member's `phoneNumber`. A few wrong codes end the verification (RATE_LIMITED): ask for a new code. */
  verifyPhone: User;
  /** Write a day's journal entry (one per local day; writing again changes it). */
  writeJournalEntry: JournalEntry;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationAddCommentArgs = {
  input: AddCommentInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationAddGroupMembersArgs = {
  input: AddGroupMembersInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationAddTaskArgs = {
  input: AddTaskInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationBlockUserArgs = {
  input: UserInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCancelFocusSessionArgs = {
  input: FocusIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCancelOccurrenceArgs = {
  input: CancelOccurrenceInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCheckInHabitArgs = {
  input: CheckInInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCompleteTodoTaskArgs = {
  input: TodoTaskIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCompleteUploadArgs = {
  input: CompleteUploadInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationConfirmCoachProposalArgs = {
  input: ConfirmCoachProposalInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationConfirmTotpArgs = {
  input: ConfirmTotpInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateActivityArgs = {
  input: CreateActivityInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateGoalArgs = {
  input: CreateGoalInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateGoalTemplateArgs = {
  input: CreateTemplateInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateGroupConversationArgs = {
  input: CreateGroupConversationInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateHabitArgs = {
  input: CreateHabitInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreatePostArgs = {
  input: CreatePostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateReminderArgs = {
  input: CreateReminderInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateTodoTaskArgs = {
  input: CreateTodoTaskInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationCreateUploadArgs = {
  input: CreateUploadInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeclineCoachProposalArgs = {
  input: DeclineCoachProposalInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteAccountArgs = {
  input: DeleteAccountInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteActivityArgs = {
  input: ActivityIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteCommentArgs = {
  input: CommentInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteFromTrashForeverArgs = {
  input: TrashItemIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteGoalArgs = {
  input: GoalIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteGoalTemplateArgs = {
  input: TemplateIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteHabitArgs = {
  input: HabitIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteJournalEntryArgs = {
  input: JournalEntryIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteMessageArgs = {
  input: DeleteMessageInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteMoodCheckInArgs = {
  input: MoodCheckInIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeletePostArgs = {
  input: PostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteProjectArgs = {
  input: ProjectIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteReminderArgs = {
  input: ReminderIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDeleteTodoTaskArgs = {
  input: TodoTaskIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationDisableTotpArgs = {
  input: DisableTotpInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationEditCommentArgs = {
  input: EditCommentInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationEditMessageArgs = {
  input: EditMessageInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationEditPostArgs = {
  input: EditPostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationExchangeApiKeyArgs = {
  input: ExchangeApiKeyInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationFinishFocusSessionArgs = {
  input: FocusIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationFollowUserArgs = {
  input: UserInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationFreezeHabitDayArgs = {
  input: HabitDayInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationInstantiateGoalTemplateArgs = {
  input: InstantiateTemplateInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationLikePostArgs = {
  input: PostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationLogMoodArgs = {
  input: LogMoodInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationLogTrackerEntryArgs = {
  input: LogTrackerInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationLoginArgs = {
  input: LoginInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationLogoutArgs = {
  input: LogoutInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationMarkConversationReadArgs = {
  input: MarkConversationReadInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationMarkNotificationsReadArgs = {
  input: MarkNotificationsReadInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationModerateArgs = {
  input: ModerateInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationMoveOccurrenceArgs = {
  input: MoveOccurrenceInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationMoveTodoTaskArgs = {
  input: MoveTodoTaskInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationOauthFinishArgs = {
  input: OAuthFinishInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationOauthStartArgs = {
  input: OAuthStartInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationPauseFocusSessionArgs = {
  input: FocusIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRefreshTokenArgs = {
  input: RefreshTokenInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRegisterArgs = {
  input: RegisterInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRegisterDeviceArgs = {
  input: RegisterDeviceInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRegisterPushSubscriptionArgs = {
  input: RegisterPushSubscriptionInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRemoveGroupMemberArgs = {
  input: RemoveGroupMemberInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRemovePushSubscriptionArgs = {
  input: RemovePushSubscriptionInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRemoveTaskArgs = {
  input: TaskIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationReportContentArgs = {
  input: ReportInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRequestDataExportArgs = {
  input: RequestDataExportInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRequestPasswordResetArgs = {
  input: RequestPasswordResetInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRestoreFromTrashArgs = {
  input: TrashItemIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationResumeFocusSessionArgs = {
  input: FocusIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSaveGoalAsTemplateArgs = {
  input: SaveGoalAsTemplateInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSavePostArgs = {
  input: PostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationScheduleTodoTaskArgs = {
  input: ScheduleTodoTaskInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSendMessageArgs = {
  input: SendMessageInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSetGoalStatusArgs = {
  input: SetGoalStatusInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSetTypingArgs = {
  input: SetTypingInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSetUserRolesArgs = {
  input: SetUserRolesInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationSkipHabitDayArgs = {
  input: HabitDayInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationStartDirectConversationArgs = {
  input: StartDirectConversationInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationStartFocusSessionArgs = {
  input: StartFocusInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationStartPhoneVerificationArgs = {
  input: StartPhoneVerificationInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationStartVacationArgs = {
  input: StartVacationInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnblockUserArgs = {
  input: UserInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUncompleteTodoTaskArgs = {
  input: TodoTaskIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUndoHabitCheckInArgs = {
  input: CheckInInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnfollowUserArgs = {
  input: UserInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnlikePostArgs = {
  input: PostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnregisterDeviceArgs = {
  input: UnregisterDeviceInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnsavePostArgs = {
  input: PostInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnscheduleTodoTaskArgs = {
  input: TodoTaskIdInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUnskipHabitDayArgs = {
  input: HabitDayInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateActivityArgs = {
  input: UpdateActivityInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateGoalArgs = {
  input: UpdateGoalInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateHabitArgs = {
  input: UpdateHabitInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateLifeAreasArgs = {
  input: UpdateLifeAreasInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateNotificationPreferencesArgs = {
  input: UpdateNotificationPreferencesInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdatePreferencesArgs = {
  input: UpdatePreferencesInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateProjectArgs = {
  input: UpdateProjectInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateTaskArgs = {
  input: UpdateTaskInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationUpdateTodoTaskArgs = {
  input: UpdateTodoTaskInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationVerifyEmailArgs = {
  input: VerifyEmailInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationVerifyPhoneArgs = {
  input: VerifyPhoneInput;
};


/** Everything LifeGraph can change. To start: `register` an account, `login` for an `accessToken`, then send it as `Authorization: Bearer <accessToken>`; `refreshToken` renews it. Root fields run one after another, in the order written. */
export type MutationWriteJournalEntryArgs = {
  input: WriteJournalEntryInput;
};

/** An object that can be refetched by its global id with `node(id:)` (Relay's global object identification). Fetch `nodeId` to get that id. */
export type Node = {
  /** The object's id, unique among objects of its type (the cache key with `__typename`). */
  id: Scalars['ID']['output'];
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
};

/** Something that happened for a user. */
export type Notification = Node & {
  __typename?: 'Notification';
  /** Users who caused it (distinct), e.g. everyone who liked the post. */
  actorIds: Array<Scalars['ID']['output']>;
  /** Longer text. */
  body: Scalars['String']['output'];
  /** How many events were grouped into it. */
  count: Scalars['Int']['output'];
  /** When the first event arrived. */
  createdAt: Scalars['DateTime']['output'];
  /** Its latest change's place in your inbox: pass as `notificationAdded(after:)` to resume from here. */
  cursor: Scalars['String']['output'];
  /** Email and push deliveries with their status. */
  deliveries: Array<NotificationDelivery>;
  /** The notification's id. */
  id: Scalars['ID']['output'];
  /** What it is about. */
  kind: NotificationKind;
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** Whether the user has read it. */
  read: Scalars['Boolean']['output'];
  /** The post, reminder, conversation, badge or user it points at. */
  targetId: Scalars['String']['output'];
  /** Short text, e.g. '5 people liked your post'. */
  title: Scalars['String']['output'];
  /** When the latest event arrived. */
  updatedAt: Scalars['DateTime']['output'];
};

/** Where a notification is delivered. */
export type NotificationChannel =
  | 'EMAIL'
  | 'IN_APP'
  | 'PUSH'
  | 'SMS';

/** Whether one kind of notification goes to one channel. */
export type NotificationChannelSetting = {
  __typename?: 'NotificationChannelSetting';
  /** The channel. */
  channel: NotificationChannel;
  /** Whether it is delivered there. */
  enabled: Scalars['Boolean']['output'];
  /** The kind of notification. */
  kind: NotificationKind;
};

/** Turn one kind of notification on or off for one channel. */
export type NotificationChannelSettingInput = {
  /** The channel. */
  channel: NotificationChannel;
  /** Deliver it there or not. */
  enabled: Scalars['Boolean']['input'];
  /** The kind of notification. */
  kind: NotificationKind;
};

/** Whether each notification channel is on. */
export type NotificationChannels = {
  __typename?: 'NotificationChannels';
  /** Notifications by email. */
  email: Scalars['Boolean']['output'];
  /** Notifications inside the apps. */
  inApp: Scalars['Boolean']['output'];
  /** Push notifications to devices. */
  push: Scalars['Boolean']['output'];
};

/** Notification channels to switch on or off. */
export type NotificationChannelsInput = {
  /** By email. */
  email?: InputMaybe<Scalars['Boolean']['input']>;
  /** Inside the apps. */
  inApp?: InputMaybe<Scalars['Boolean']['input']>;
  /** Push to devices. */
  push?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A page of items with cursors (Relay cursor connection). */
export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  /** The items of this page with their cursors. */
  edges: Array<NotificationEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Notification>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** Delivery of a notification on one channel (email or push). */
export type NotificationDelivery = {
  __typename?: 'NotificationDelivery';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** The channel. */
  channel: NotificationChannel;
  /** Why the last attempt failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the next attempt is due; null once SENT or FAILED. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was delivered. */
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where delivery stands. */
  status: NotificationDeliveryStatus;
};

/** State of one delivery. */
export type NotificationDeliveryStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SENT';

/** One item of a connection with its cursor. */
export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Notification;
};

/** What a notification is about. */
export type NotificationKind =
  | 'ACHIEVEMENT'
  | 'DATA_EXPORT'
  | 'MESSAGE'
  | 'NEW_FOLLOWER'
  | 'POST_COMMENTED'
  | 'POST_LIKED'
  | 'REMINDER'
  | 'SECURITY_ALERT';

/** How and when the user wants to be notified. */
export type NotificationPreferences = {
  __typename?: 'NotificationPreferences';
  /** Every kind x channel with its effective setting (defaults filled in). */
  channels: Array<NotificationChannelSetting>;
  /** Null when none are set. */
  quietHours?: Maybe<QuietHours>;
};

/** Finish signing in with the code the provider sent back. */
export type OAuthFinishInput = {
  /** The `code` query parameter from the redirect. */
  code: Scalars['String']['input'];
  /** The provider signed in with. */
  provider: OAuthProvider;
  /** The `state` query parameter from the redirect. */
  state: Scalars['String']['input'];
  /** Authenticator app code, when two-step sign-in is on. */
  totpCode?: InputMaybe<Scalars['String']['input']>;
};

/** An OpenID Connect provider members can sign in with. */
export type OAuthProvider =
  | 'APPLE'
  | 'GOOGLE';

/** Begin signing in with an OpenID Connect provider. */
export type OAuthStartInput = {
  /** The provider to sign in with. */
  provider: OAuthProvider;
  /** Where the provider sends the browser back (registered with the provider). */
  redirectUri: Scalars['String']['input'];
};

/** Where to send the browser to sign in with a provider. */
export type OAuthStartPayload = {
  __typename?: 'OAuthStartPayload';
  /** The provider's sign-in page. */
  authorizationUrl: Scalars['String']['output'];
  /** Comes back with the code; pass to oauthFinish. */
  state: Scalars['String']['output'];
};

/** Where a page sits in the whole list (Relay cursor connections). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to fetch the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether this page was asked for `after` a cursor, so items came before it (lists page forwards only: false on the first page). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of this page's first item; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Aggregate per local day or per week (Monday). */
export type Period =
  | 'DAY'
  | 'WEEK';

/** A code was texted to the number. */
export type PhoneVerificationStarted = {
  __typename?: 'PhoneVerificationStarted';
  /** When the code stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** The number in E.164, as it was texted. */
  phoneNumber: Scalars['String']['output'];
};

/** A post in the community. */
export type Post = Node & {
  __typename?: 'Post';
  /** Who wrote the post. */
  author: User;
  /** The life area the post is about. */
  category: PostCategory;
  /** How many comments and replies readers see: published ones in published threads. */
  commentCount: Scalars['Int']['output'];
  /** Top-level comments, oldest first. */
  comments: CommentConnection;
  /** When the post was written. */
  createdAt: Scalars['DateTime']['output'];
  /** When it was last edited. */
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The author's goal this post is about; null if none or the viewer may not see that goal. */
  goal?: Maybe<Goal>;
  /** The post's id. */
  id: Scalars['ID']['output'];
  /** How many users like the post. */
  likeCount: Scalars['Int']['output'];
  /** Photos uploaded with the post (completeUpload), in order; signed-out viewers get none, and a photo already removed is null. */
  media: Array<Maybe<Media>>;
  /** Attached images or videos (http/https). */
  mediaUrls: Array<Scalars['String']['output']>;
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** Moderation state of the post. */
  status: ContentStatus;
  /** The post's plain text (clients may render markdown). */
  text: Scalars['String']['output'];
  /** Whether the signed-in viewer likes this post. */
  viewerHasLiked: Scalars['Boolean']['output'];
  /** Whether the signed-in viewer saved this post. */
  viewerHasSaved: Scalars['Boolean']['output'];
};


/** A post in the community. */
export type PostCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** What a post is about: one of the six life areas, or general. */
export type PostCategory =
  | 'CAREER'
  | 'CREATIVITY'
  | 'FAMILY'
  | 'FINANCE'
  | 'GENERAL'
  | 'HEALTH'
  | 'LEARNING';

/** A page of items with cursors (Relay cursor connection). */
export type PostConnection = {
  __typename?: 'PostConnection';
  /** The items of this page with their cursors. */
  edges: Array<PostEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Post>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type PostEdge = {
  __typename?: 'PostEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Post;
};

/** Names one post. */
export type PostInput = {
  /** The post's id. */
  postId: Scalars['ID']['input'];
};

/** A member's settings for the apps. */
export type Preferences = {
  __typename?: 'Preferences';
  /** Language of the apps (BCP 47 tag). */
  language: Scalars['String']['output'];
  /** Notification channels on or off. */
  notifications: NotificationChannels;
  /** Who may see the profile. */
  privacy: ProfilePrivacy;
  /** Colour scheme. */
  theme: Theme;
};

/** Where and how to upload the file of a new upload. */
export type PresignedUpload = {
  __typename?: 'PresignedUpload';
  /** The URL is refused after this. */
  expiresAt: Scalars['DateTime']['output'];
  /** Headers the PUT must carry exactly (an object of name to value). */
  headers: Scalars['JSON']['output'];
  /** Pass it to completeUpload. */
  uploadId: Scalars['ID']['output'];
  /** PUT the file's bytes here, straight to storage. */
  url: Scalars['String']['output'];
};

/** A public profile matching a search. */
export type ProfileMatch = {
  __typename?: 'ProfileMatch';
  /** The name that matched, as last synced from the users subgraph. */
  displayName: Scalars['String']['output'];
  /** The matching user. */
  user: User;
};

/** A page of items with cursors (Relay cursor connection). */
export type ProfileMatchConnection = {
  __typename?: 'ProfileMatchConnection';
  /** The items of this page with their cursors. */
  edges: Array<ProfileMatchEdge>;
  /** The items of this page without cursors. */
  nodes: Array<ProfileMatch>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ProfileMatchEdge = {
  __typename?: 'ProfileMatchEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: ProfileMatch;
};

/** Who may see a member's profile beyond their display name. */
export type ProfilePrivacy =
  | 'FOLLOWERS'
  | 'PRIVATE'
  | 'PUBLIC';

/** DERIVED: computed from sub-goals and tasks; MANUAL: set by hand. */
export type ProgressMode =
  | 'DERIVED'
  | 'MANUAL';

/** A list of tasks (tasks in none are in the inbox). */
export type Project = {
  __typename?: 'Project';
  /** Archived projects take no new tasks. */
  archived: Scalars['Boolean']['output'];
  /** `#rrggbb`, if chosen. */
  color?: Maybe<Scalars['String']['output']>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The project's id. */
  id: Scalars['ID']['output'];
  /** Its name. */
  name: Scalars['String']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The items of this page with their cursors. */
  edges: Array<ProjectEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Project>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Project;
};

/** Identifies a project. */
export type ProjectIdInput = {
  /** The project. */
  id: Scalars['ID']['input'];
};

/** What an upload is for: it sets allowed types and size. */
export type Purpose =
  | 'AVATAR'
  | 'CHAT_ATTACHMENT'
  | 'POST_MEDIA'
  | 'VOICE_MESSAGE';

/** A browser's web-push subscription. */
export type PushSubscription = {
  __typename?: 'PushSubscription';
  /** When it was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** The push service URL. */
  endpoint: Scalars['String']['output'];
};

/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type Query = {
  __typename?: 'Query';
  /**
   * Everything analytics holds about the caller, as JSON (data export).
   * @deprecated Use requestDataExport: one archive of every subgraph's data.
   */
  analyticsExport: Scalars['JSON']['output'];
  /** The signed-in member's API keys, newest first. */
  apiKeys: ApiKeyConnection;
  /** Every badge that can be earned. */
  badges: Array<BadgeDefinition>;
  /** Users the viewer has blocked, most recent first. */
  blockedUsers: BlockedUserConnection;
  /** The viewer's occurrences overlapping [from, to). */
  calendar: Array<CalendarOccurrence>;
  /** Public posts of one category, newest first. */
  categoryFeed: PostConnection;
  /** One of your conversations. */
  conversation: Conversation;
  /** The viewer's running or paused session, if any. */
  currentFocusSession?: Maybe<FocusSession>;
  /** A local day gathered (today when `day` is omitted); never a future day. */
  dailyReview: DailyReview;
  /** One of your exports; NOT_FOUND for an unknown id or another user's. */
  dataExport: DataExport;
  /** Your latest exports, newest first. */
  dataExports: Array<DataExport>;
  /** The caller's app installs that receive push notifications, oldest first. */
  devices: Array<Device>;
  /** Posts by the people the viewer follows and the viewer, newest first. */
  followingFeed: PostConnection;
  /** A goal the viewer may read; NOT_FOUND otherwise. */
  goal: Goal;
  /** Templates for the viewer's lowest-scoring life areas. */
  goalSuggestions: Array<GoalSuggestion>;
  /** Built-in templates and the viewer's own. */
  goalTemplates: Array<GoalTemplate>;
  /** One of the viewer's habits. */
  habit: Habit;
  /** The viewer's journal entries, newest day first. */
  journalEntries: JournalEntryConnection;
  /** The viewer's journal entry of a local day, or null. */
  journalEntry?: Maybe<JournalEntry>;
  /** The signed-in member. */
  me: User;
  /** Media by id, when the viewer may see it. */
  media?: Maybe<Media>;
  /** A conversation's history. Without `after`: newest first, paging back with `before`. With `after` (a message's cursor): what came since, oldest first, to catch up. */
  messages: MessageConnection;
  /** The moderation audit log, newest first. Moderators only. */
  moderationLog: ModerationActionConnection;
  /** Open moderation cases, oldest first. Moderators only. */
  moderationQueue: ModerationCaseConnection;
  /** The viewer's mood check-ins, newest first. */
  moodCheckIns: MoodCheckInConnection;
  /** The viewer's own goals, newest first. */
  myGoals: GoalConnection;
  /** Any object by its global id (`nodeId`); null when it does not exist or the viewer may not read it. */
  node?: Maybe<Node>;
  /** Objects by their global ids, in order; null for each one `node` would answer null. At most 100. */
  nodes: Array<Maybe<Node>>;
  /** The caller's notification preferences. */
  notificationPreferences: NotificationPreferences;
  /** The caller's inbox, newest first. */
  notifications: NotificationConnection;
  /** One post by id; null when it does not exist or is not visible. */
  post?: Maybe<Post>;
  /** One of the viewer's projects; NOT_FOUND otherwise. */
  project: Project;
  /** The viewer's projects, newest first. */
  projects: ProjectConnection;
  /** The viewer's reminders, newest first. */
  reminders: ReminderConnection;
  /** The viewer's saved posts, most recently saved first. */
  savedPosts: SavedPostConnection;
  /** Search a conversation you are in: messages whose text or voice transcript holds every word of `query`, newest first (deleted ones never). */
  searchMessages: MessageConnection;
  /** Posts the viewer may see that contain every keyword, newest first. */
  searchPosts: PostConnection;
  /** Public profiles whose display name contains every keyword. */
  searchProfiles: ProfileMatchConnection;
  /** The viewer's standalone tasks, filtered. */
  tasks: TodoTaskConnection;
  /** One of the viewer's standalone tasks; NOT_FOUND otherwise. */
  todoTask: TodoTask;
  /** Per-day or per-week statistics of one metric. */
  trackerAggregates: Array<TrackerAggregate>;
  /** The viewer's tracker entries, newest first. */
  trackerEntries: TrackerEntryConnection;
  /** The viewer's trash, most recently deleted first; expired items never show. */
  trash: TrashItemConnection;
  /** Public posts ranked by recency and engagement. */
  trendingFeed: PostConnection;
  /** How many of the caller's notifications are unread. */
  unreadNotificationCount: Scalars['Int']['output'];
  /** A member by id, as much as their privacy lets you see. */
  user?: Maybe<User>;
  /** Every member, oldest first (admins only). */
  users: UserConnection;
  /** The viewer's vacations, past, running and planned. */
  vacations: Array<Vacation>;
  /** VAPID public key for pushManager.subscribe; null if off. */
  webPushPublicKey?: Maybe<Scalars['String']['output']>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryBlockedUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryCalendarArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryCategoryFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  category: PostCategory;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryDailyReviewArgs = {
  day?: InputMaybe<Scalars['Date']['input']>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryDataExportArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryFollowingFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryGoalArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryGoalSuggestionsArgs = {
  limit?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryGoalTemplatesArgs = {
  area?: InputMaybe<LifeArea>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryHabitArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryJournalEntriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryJournalEntryArgs = {
  day: Scalars['Date']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryMediaArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryModerationLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  targetId?: InputMaybe<Scalars['ID']['input']>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryModerationQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryMoodCheckInsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  fromDay?: InputMaybe<Scalars['Date']['input']>;
  toDay?: InputMaybe<Scalars['Date']['input']>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryMyGoalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  area?: InputMaybe<LifeArea>;
  first?: Scalars['Int']['input'];
  status?: InputMaybe<GoalStatus>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  unreadOnly?: Scalars['Boolean']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryPostArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryProjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  includeArchived?: Scalars['Boolean']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryRemindersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QuerySavedPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QuerySearchMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QuerySearchPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<PostCategory>;
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QuerySearchProfilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilterInput>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryTodoTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryTrackerAggregatesArgs = {
  currency?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['Date']['input'];
  metric: TrackerMetric;
  period: Period;
  to: Scalars['Date']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryTrackerEntriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  metric?: InputMaybe<TrackerMetric>;
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryTrashArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryTrendingFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** Everything LifeGraph can read: goals, habits, calendar, community, chat, analytics and notifications, composed from every subgraph into one graph. Most fields need `Authorization: Bearer <accessToken>` (see `Mutation.login`). */
export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** Local quiet hours; email and push wait until they end. */
export type QuietHours = {
  __typename?: 'QuietHours';
  /** Local end time, HH:MM (may be past midnight). */
  end: Scalars['String']['output'];
  /** Local start time, HH:MM. */
  start: Scalars['String']['output'];
};

/** Local quiet hours as HH:MM. */
export type QuietHoursInput = {
  /** Local end, HH:MM. */
  end: Scalars['String']['input'];
  /** Local start, HH:MM. */
  start: Scalars['String']['input'];
};

/** How far a member has read. */
export type ReadReceipt = {
  __typename?: 'ReadReceipt';
  /** The newest message they have read; null when none yet. */
  lastReadMessageId?: Maybe<Scalars['ID']['output']>;
  /** When they read it. */
  readAt?: Maybe<Scalars['DateTime']['output']>;
  /** The member. */
  user: User;
};

/** A refresh token to exchange for a new token pair. */
export type RefreshTokenInput = {
  /** The refresh token last received. */
  refreshToken: Scalars['String']['input'];
};

/** A mobile or web app install's push token, to receive notifications. */
export type RegisterDeviceInput = {
  /** The app's bundle id (iOS: the APNs topic) or package name. */
  appId: Scalars['String']['input'];
  /** IOS (delivered through APNs), ANDROID or WEB (through FCM). */
  platform: DevicePlatform;
  /** The APNs device token (hex) or the FCM registration token. */
  token: Scalars['String']['input'];
};

/** A new account. */
export type RegisterInput = {
  /** Name shown to other members. */
  displayName: Scalars['String']['input'];
  /** Email address; unique whatever its case. */
  email: Scalars['String']['input'];
  /** At least 10 characters, and not one of the most common passwords. */
  password: Scalars['String']['input'];
};

/** A PushSubscription from the browser's Push API. */
export type RegisterPushSubscriptionInput = {
  /** subscription.keys.auth (base64url) */
  auth: Scalars['String']['input'];
  /** subscription.endpoint */
  endpoint: Scalars['String']['input'];
  /** subscription.keys.p256dh (base64url) */
  p256dh: Scalars['String']['input'];
};

/** A reminder about a goal, task, habit or activity. */
export type Reminder = {
  __typename?: 'Reminder';
  /** Absolute time, if set that way. */
  at?: Maybe<Scalars['DateTime']['output']>;
  /** When it fires next (UTC). */
  fireAt?: Maybe<Scalars['DateTime']['output']>;
  /** The reminder's id. */
  id: Scalars['ID']['output'];
  /** When it last fired. */
  lastFiredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Minutes before the occurrence. */
  offsetMinutes?: Maybe<Scalars['Int']['output']>;
  /** Pending or sent. */
  status: ReminderStatus;
  /** The goal, task, habit or activity. */
  targetId: Scalars['ID']['output'];
  /** What it is about. */
  targetType: ReminderTarget;
  /** The target's title when it was set. */
  title: Scalars['String']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type ReminderConnection = {
  __typename?: 'ReminderConnection';
  /** The items of this page with their cursors. */
  edges: Array<ReminderEdge>;
  /** The items of this page without cursors. */
  nodes: Array<Reminder>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type ReminderEdge = {
  __typename?: 'ReminderEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Reminder;
};

/** Identifies a reminder. */
export type ReminderIdInput = {
  /** The reminder. */
  id: Scalars['ID']['input'];
};

/** PENDING until fired; SENT once fired for the last time. */
export type ReminderStatus =
  | 'CANCELLED'
  | 'CLAIMED'
  | 'PENDING'
  | 'SENT';

/** What a reminder is about. */
export type ReminderTarget =
  | 'ACTIVITY'
  | 'GOAL'
  | 'HABIT'
  | 'TASK';

/** Remove a member (admins), or leave (your own id). */
export type RemoveGroupMemberInput = {
  /** The group. */
  conversationId: Scalars['ID']['input'];
  /** Who to remove. */
  userId: Scalars['ID']['input'];
};

/** The push subscription to remove. */
export type RemovePushSubscriptionInput = {
  /** subscription.endpoint */
  endpoint: Scalars['String']['input'];
};

/** Result of removing a push subscription. */
export type RemovePushSubscriptionPayload = {
  __typename?: 'RemovePushSubscriptionPayload';
  /** The endpoint that was removed. */
  endpoint: Scalars['String']['output'];
};

/** The id of what a mutation removed. */
export type Removed = {
  __typename?: 'Removed';
  /** The removed item's id. */
  id: Scalars['ID']['output'];
};

/** A report of a post or comment to the moderators. */
export type ReportInput = {
  /** Why it should be reviewed (1-500 characters). */
  reason: Scalars['String']['input'];
  /** The post's or comment's id. */
  targetId: Scalars['ID']['input'];
  /** Whether a post or a comment. */
  targetType: ModerationTarget;
};

/** What to export. */
export type RequestDataExportInput = {
  /** Put the files you uploaded in the archive too. */
  includeMedia?: Scalars['Boolean']['input'];
};

/** The export just started. */
export type RequestDataExportPayload = {
  __typename?: 'RequestDataExportPayload';
  /** The new export, PENDING. */
  export: DataExport;
};

/** Ask for a password reset mail. */
export type RequestPasswordResetInput = {
  /** The account's email address. */
  email: Scalars['String']['input'];
};

/** Choose a new password with a token from a reset mail. */
export type ResetPasswordInput = {
  /** The new password. */
  newPassword: Scalars['String']['input'];
  /** The token from the reset mail. */
  token: Scalars['String']['input'];
};

/** What `restoreFromTrash` brought back: the item, and the object under its kind. */
export type RestoreFromTrashPayload = {
  __typename?: 'RestoreFromTrashPayload';
  /** The restored goal (with its sub-goals and tasks) when `kind` is GOAL. */
  goal?: Maybe<Goal>;
  /** The restored habit, check-ins and streaks included, when `kind` is HABIT. */
  habit?: Maybe<Habit>;
  /** The trash item, as it was listed. */
  item: TrashItem;
  /** The restored journal entry when `kind` is JOURNAL_ENTRY. */
  journalEntry?: Maybe<JournalEntry>;
  /** The restored project (its tasks are back in it) when `kind` is PROJECT. */
  project?: Maybe<Project>;
  /** The restored task when `kind` is TODO_TASK. */
  todoTask?: Maybe<TodoTask>;
};

/** Something done on the reviewed day. */
export type ReviewItem = {
  __typename?: 'ReviewItem';
  /** When it was done, if known. */
  at?: Maybe<Scalars['DateTime']['output']>;
  /** A task's or habit's id; a goal's task is `<goal id>:<task id>`. */
  id: Scalars['ID']['output'];
  /** Its title. */
  title: Scalars['String']['output'];
};

/** The API key to revoke. */
export type RevokeApiKeyInput = {
  /** The key's id (from `apiKeys`). */
  id: Scalars['ID']['input'];
};

/** A goal to save as a personal template. */
export type SaveGoalAsTemplateInput = {
  /** One of the viewer's goals; its sub-goals and tasks come along. */
  goalId: Scalars['ID']['input'];
};

/** A bookmarked post. */
export type SavedPost = {
  __typename?: 'SavedPost';
  /** The post; null once the viewer may no longer see it. */
  post?: Maybe<Post>;
  /** When the viewer saved it. */
  savedAt: Scalars['DateTime']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type SavedPostConnection = {
  __typename?: 'SavedPostConnection';
  /** The items of this page with their cursors. */
  edges: Array<SavedPostEdge>;
  /** The items of this page without cursors. */
  nodes: Array<SavedPost>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type SavedPostEdge = {
  __typename?: 'SavedPostEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: SavedPost;
};

/** When a habit is due: every day, on chosen weekdays, or N times per week. */
export type ScheduleKind =
  | 'DAILY'
  | 'TIMES_PER_WEEK'
  | 'WEEKDAYS';

/** Blocks time for a task on the calendar. */
export type ScheduleTodoTaskInput = {
  /** How long it lasts: 5 to 1,440 minutes. */
  durationMinutes: Scalars['Int']['input'];
  /** When the block starts (with an offset). */
  start: Scalars['DateTime']['input'];
  /** The task. */
  taskId: Scalars['ID']['input'];
};

/** Send a message. */
export type SendMessageInput = {
  /** An optional attached file. */
  attachment?: InputMaybe<AttachmentInput>;
  /** Up to 10 completed CHAT_ATTACHMENT or VOICE_MESSAGE uploads of yours (completeUpload ids), each on no other message; only the conversation's members can read them. */
  attachmentIds?: Array<Scalars['ID']['input']>;
  /** Your id for this send: a retry with it returns the first message, not a copy. */
  clientMessageId?: InputMaybe<Scalars['String']['input']>;
  /** Where to send it. */
  conversationId: Scalars['ID']['input'];
  /** Up to 4000 characters; may be empty with an attachment. */
  text?: Scalars['String']['input'];
};

/** A goal status change (complete, reopen, pause, abandon). */
export type SetGoalStatusInput = {
  /** The goal. */
  id: Scalars['ID']['input'];
  /** The new status. */
  status: GoalStatus;
};

/** Tell the other members you are (or stopped) typing. */
export type SetTypingInput = {
  /** The conversation. */
  conversationId: Scalars['ID']['input'];
  /** False when you stopped. */
  isTyping?: Scalars['Boolean']['input'];
};

/** The roles a member should have (USER is always kept). */
export type SetUserRolesInput = {
  /** Their roles from now on. */
  roles: Array<UserRole>;
  /** The member. */
  userId: Scalars['ID']['input'];
};

/** Start (or return) the one direct conversation with another user. */
export type StartDirectConversationInput = {
  /** The other user. */
  userId: Scalars['ID']['input'];
};

/** Start a focus session. */
export type StartFocusInput = {
  /** Goal to link. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 720 minutes. */
  plannedMinutes: Scalars['Int']['input'];
  /** Task (of goalId) to link. */
  taskId?: InputMaybe<Scalars['ID']['input']>;
};

/** A mobile number to put on the account. */
export type StartPhoneVerificationInput = {
  /** International (+14155550123) or national with `region`; at most 32 characters. */
  phoneNumber: Scalars['String']['input'];
  /** ISO 3166 country code ("US") for a number written without +country. */
  region?: InputMaybe<Scalars['String']['input']>;
};

/** Vacation mode: streaks pause from `startDate` to `endDate`. */
export type StartVacationInput = {
  /** The last day (inclusive; at most 366 days); open when null. */
  endDate?: InputMaybe<Scalars['Date']['input']>;
  /** The first day (today or later); today when omitted. */
  startDate?: InputMaybe<Scalars['Date']['input']>;
};

/** Your statistics may have moved: read them from `user` (its `stats`, `lifeBalance` or `achievements`), and Apollo's cache updates the user in place. */
export type StatsChange = {
  __typename?: 'StatsChange';
  /** Its place in your changes: pass it as `after` to resume after it. */
  cursor: Scalars['String']['output'];
  /** You, as you are now. */
  user: User;
};

/** Streaks count days, or weeks for N-times-per-week habits. */
export type StreakUnit =
  | 'DAY'
  | 'WEEK';

/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Your calendar's activities as they change. */
  calendarChanged: ActivityChange;
  /** Changes to any of your conversations. */
  conversationUpdated: ConversationUpdate;
  /** Your goals as they change (tasks, progress and status included), from any device or from the coach. */
  goalChanged: GoalChange;
  /** Your habits as they change: check-ins, skips, freezes and edits. */
  habitChanged: HabitChange;
  /** New messages in a conversation. With `after` (the `cursor` of the last message you have), every message since it first, oldest first, then live ones: no gap, no duplicate. */
  messageAdded: Message;
  /** Edited, deleted and streaming (coach) messages in a conversation. */
  messageUpdated: Message;
  /** New or regrouped notifications for the caller; while open, the caller counts as online (chat messages then do not notify). */
  notificationAdded: Notification;
  /** Other members' read positions moving forward: each a member's new read receipt, as `Conversation.readReceipts` would now show it. */
  readReceiptUpdated: ReadReceipt;
  /** Each time an event moves your statistics (a goal completed, a check-in, a like received). With `after`, first one change if any happened since it. */
  statsChanged: StatsChange;
  /** Your tasks (outside goals) as they change. */
  taskChanged: TodoTaskChange;
  /** Other members starting and stopping to type. */
  typing: TypingIndicator;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionCalendarChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionGoalChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionHabitChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionMessageAddedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionMessageUpdatedArgs = {
  conversationId: Scalars['ID']['input'];
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionNotificationAddedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionReadReceiptUpdatedArgs = {
  conversationId: Scalars['ID']['input'];
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionStatsChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionTaskChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


/** Live events over the graphql-transport-ws WebSocket at the same `/graphql` URL; the token goes in `connection_init`'s payload as `Authorization`. */
export type SubscriptionTypingArgs = {
  conversationId: Scalars['ID']['input'];
};

/** A checklist item of a task. */
export type Subtask = {
  __typename?: 'Subtask';
  /** Whether it is ticked off. */
  done: Scalars['Boolean']['output'];
  /** Its id (unique within the task). */
  id: Scalars['ID']['output'];
  /** What to do. */
  title: Scalars['String']['output'];
};

/** A checklist item; the whole list is given at once. */
export type SubtaskInputType = {
  /** Whether it is ticked off. */
  done?: Scalars['Boolean']['input'];
  /** An existing subtask's id, to keep it; omit for a new one. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** What to do. */
  title: Scalars['String']['input'];
};

/** A checklist item of a goal. */
export type Task = {
  __typename?: 'Task';
  /** Whether it is done. */
  done: Scalars['Boolean']['output'];
  /** When it was ticked off. */
  doneAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it should be done. */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /** The task's id (unique within its goal). */
  id: Scalars['ID']['output'];
  /** What to do. */
  title: Scalars['String']['output'];
};

/** Which of the viewer's tasks to list; the fields combine. */
export type TaskFilterInput = {
  /** Done or open only; day views show open tasks unless this is true. */
  completed?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only this project's tasks. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Only tasks with this tag. */
  tag?: InputMaybe<Scalars['String']['input']>;
  /** The slice to show. */
  view?: TaskView;
};

/** Identifies a task. */
export type TaskIdInput = {
  /** The task's goal. */
  goalId: Scalars['ID']['input'];
  /** The task. */
  taskId: Scalars['ID']['input'];
};

/** A task to add. */
export type TaskInputType = {
  /** When it is due. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** What to do. */
  title: Scalars['String']['input'];
};

/** How urgent a task is. */
export type TaskPriority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'NONE';

/** ALL: every task, newest first. INBOX: tasks in no project. TODAY / UPCOMING / OVERDUE: open tasks due on, after or before the viewer's local today, soonest first. */
export type TaskView =
  | 'ALL'
  | 'INBOX'
  | 'OVERDUE'
  | 'TODAY'
  | 'UPCOMING';

/** A goal (and its sub-goals) a template creates. */
export type TemplateGoal = {
  __typename?: 'TemplateGoal';
  /** The goal's description. */
  description: Scalars['String']['output'];
  /** Due this many days after the start. */
  dueInDays?: Maybe<Scalars['Int']['output']>;
  /** Its sub-goals. */
  subGoals: Array<TemplateGoal>;
  /** Its tasks. */
  tasks: Array<TemplateTask>;
  /** The goal's title. */
  title: Scalars['String']['output'];
};

/** A goal of a template, with its sub-goals. */
export type TemplateGoalInput = {
  /** The goal's description. */
  description?: Scalars['String']['input'];
  /** Days after the start. */
  dueInDays?: InputMaybe<Scalars['Int']['input']>;
  /** Sub-goals. */
  subGoals?: Array<TemplateGoalInput>;
  /** Tasks. */
  tasks?: Array<TemplateTaskInput>;
  /** The goal's title. */
  title: Scalars['String']['input'];
};

/** Identifies a template. */
export type TemplateIdInput = {
  /** The template. */
  id: Scalars['ID']['input'];
};

/** A task a template creates. */
export type TemplateTask = {
  __typename?: 'TemplateTask';
  /** Due this many days after the start. */
  dueInDays?: Maybe<Scalars['Int']['output']>;
  /** What to do. */
  title: Scalars['String']['output'];
};

/** A task of a template. */
export type TemplateTaskInput = {
  /** Days after the start. */
  dueInDays?: InputMaybe<Scalars['Int']['input']>;
  /** What to do. */
  title: Scalars['String']['input'];
};

/** Colour scheme of the apps. */
export type Theme =
  | 'DARK'
  | 'LIGHT'
  | 'SYSTEM';

/** A task of the viewer's own lists; linked to a goal, it counts toward it. */
export type TodoTask = {
  __typename?: 'TodoTask';
  /** The calendar activity time-blocking it (`scheduleTodoTask`), if any. */
  activityId?: Maybe<Scalars['ID']['output']>;
  /** Whether it is done. */
  completed: Scalars['Boolean']['output'];
  /** When it was completed. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The exact time it is due, if any. */
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** The local day it is due (the day of `dueAt` in the viewer's zone). */
  dueDate?: Maybe<Scalars['Date']['output']>;
  /** The goal it counts toward, if any. */
  goalId?: Maybe<Scalars['ID']['output']>;
  /** The task's id. */
  id: Scalars['ID']['output'];
  /** Markdown notes; may be empty. */
  notes: Scalars['String']['output'];
  /** How urgent it is. */
  priority: TaskPriority;
  /** Its project; null for the inbox. */
  projectId?: Maybe<Scalars['ID']['output']>;
  /** RRULE (RFC 5545) it repeats by; completing moves it to the next occurrence. */
  recurrence?: Maybe<Scalars['String']['output']>;
  /** Its checklist, in order. */
  subtasks: Array<Subtask>;
  /** Normalised tags (lower case, no '#'). */
  tags: Array<Scalars['String']['output']>;
  /** What to do. */
  title: Scalars['String']['output'];
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** One of your tasks changed: `task` as it is now, or deleted. */
export type TodoTaskChange = {
  __typename?: 'TodoTaskChange';
  /** Its place in your changes: pass it as `after` to resume after it. */
  cursor: Scalars['String']['output'];
  /** Whether it was deleted (then `task` is null). */
  deleted: Scalars['Boolean']['output'];
  /** The task as it is now. */
  task?: Maybe<TodoTask>;
  /** The task that changed. */
  taskId: Scalars['ID']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type TodoTaskConnection = {
  __typename?: 'TodoTaskConnection';
  /** The items of this page with their cursors. */
  edges: Array<TodoTaskEdge>;
  /** The items of this page without cursors. */
  nodes: Array<TodoTask>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type TodoTaskEdge = {
  __typename?: 'TodoTaskEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: TodoTask;
};

/** Identifies a standalone task. */
export type TodoTaskIdInput = {
  /** The task. */
  id: Scalars['ID']['input'];
};

/** A new authenticator app secret, pending confirmation. */
export type TotpEnrollment = {
  __typename?: 'TotpEnrollment';
  /** otpauth:// URI to show as a QR code. */
  otpauthUri: Scalars['String']['output'];
  /** Base32 secret to type into the app. */
  secret: Scalars['String']['output'];
};

/** Statistics of one metric per period. */
export type TrackerAggregate = {
  __typename?: 'TrackerAggregate';
  /** Mean value. */
  average: Scalars['Float']['output'];
  /** Number of entries. */
  count: Scalars['Int']['output'];
  /** For spending: the currency. */
  currency?: Maybe<Scalars['String']['output']>;
  /** Largest value. */
  maximum: Scalars['Float']['output'];
  /** Smallest value. */
  minimum: Scalars['Float']['output'];
  /** The day, or the Monday starting the week. */
  period: Scalars['Date']['output'];
  /** Sum of values. */
  total: Scalars['Float']['output'];
};

/** One logged measurement. */
export type TrackerEntry = {
  __typename?: 'TrackerEntry';
  /** For spending: a category. */
  category?: Maybe<Scalars['String']['output']>;
  /** For spending: ISO 4217 code. */
  currency?: Maybe<Scalars['String']['output']>;
  /** The owner's local day of the measurement. */
  day: Scalars['Date']['output'];
  /** The entry's id. */
  id: Scalars['ID']['output'];
  /** Vitals, spending or learning. */
  kind: TrackerKind;
  /** When it was measured. */
  loggedAt: Scalars['DateTime']['output'];
  /** What was measured. */
  metric: TrackerMetric;
  /** Free text; may be empty. */
  note: Scalars['String']['output'];
  /** The measurement (kg, hours, bpm, amount, min). */
  value: Scalars['Float']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type TrackerEntryConnection = {
  __typename?: 'TrackerEntryConnection';
  /** The items of this page with their cursors. */
  edges: Array<TrackerEntryEdge>;
  /** The items of this page without cursors. */
  nodes: Array<TrackerEntry>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type TrackerEntryEdge = {
  __typename?: 'TrackerEntryEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: TrackerEntry;
};

/** The tracker family of a metric. */
export type TrackerKind =
  | 'LEARNING'
  | 'SPENDING'
  | 'VITALS';

/** What a tracker entry measures. */
export type TrackerMetric =
  | 'LEARNING_MINUTES'
  | 'RESTING_HEART_RATE'
  | 'SLEEP_HOURS'
  | 'SPENDING'
  | 'WEIGHT_KG';

/** Something the viewer deleted, restorable until `purgeAt`; then gone for good. */
export type TrashItem = {
  __typename?: 'TrashItem';
  /** When it was deleted. */
  deletedAt: Scalars['DateTime']['output'];
  /** The deleted object's own id (a goal's, a task's ...): what `restoreFromTrash` and `deleteFromTrashForever` take. */
  id: Scalars['ID']['output'];
  /** What it is. */
  kind: TrashKind;
  /** When it is deleted for good (30 days after `deletedAt`). */
  purgeAt: Scalars['DateTime']['output'];
  /** Its title when deleted (a journal entry's: its day). */
  title: Scalars['String']['output'];
};

/** A page of items with cursors (Relay cursor connection). */
export type TrashItemConnection = {
  __typename?: 'TrashItemConnection';
  /** The items of this page with their cursors. */
  edges: Array<TrashItemEdge>;
  /** The items of this page without cursors. */
  nodes: Array<TrashItem>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type TrashItemEdge = {
  __typename?: 'TrashItemEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: TrashItem;
};

/** Identifies an item in the viewer's trash. */
export type TrashItemIdInput = {
  /** The deleted object's id (`TrashItem.id`). */
  id: Scalars['ID']['input'];
};

/** What a trash item is: a goal (with its sub-goals), a project (with its tasks), a task, a habit or a journal entry. */
export type TrashKind =
  | 'GOAL'
  | 'HABIT'
  | 'JOURNAL_ENTRY'
  | 'PROJECT'
  | 'TODO_TASK';

/** Someone started or stopped typing. */
export type TypingIndicator = {
  __typename?: 'TypingIndicator';
  /** When (UTC). */
  at: Scalars['DateTime']['output'];
  /** Where they are typing. */
  conversationId: Scalars['ID']['output'];
  /** True when they started, false when stopped. */
  isTyping: Scalars['Boolean']['output'];
  /** Who is typing. `displayName` and `avatarUrl` come with the indicator; other fields from the users subgraph. */
  user: User;
};

/** The device to stop pushing to. */
export type UnregisterDeviceInput = {
  /** The platform it was registered for. */
  platform: DevicePlatform;
  /** The token it was registered with. */
  token: Scalars['String']['input'];
};

/** Result of unregistering a device. */
export type UnregisterDevicePayload = {
  __typename?: 'UnregisterDevicePayload';
  /** The token that no longer receives pushes. */
  token: Scalars['String']['output'];
};

/** Changes to an activity (the whole series); omitted fields stay as they are. */
export type UpdateActivityInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** New end of the first occurrence. */
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The activity. */
  id: Scalars['ID']['input'];
  /** New location; null removes it. */
  location?: InputMaybe<Scalars['String']['input']>;
  /** New RRULE; null makes it a one-off. Moved or cancelled occurrences whose slot is no longer in the series are dropped. */
  recurrence?: InputMaybe<Scalars['String']['input']>;
  /** New start of the first occurrence, with an offset. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** New IANA zone for the recurrence. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a goal; omitted fields stay as they are. */
export type UpdateGoalInput = {
  /** New area. */
  area?: InputMaybe<LifeArea>;
  /** New text. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** New due date; null clears it. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** The goal to change. */
  id: Scalars['ID']['input'];
  /** Move under this goal; null makes it top-level. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Set progress by hand (0-100); switches to MANUAL. */
  progress?: InputMaybe<Scalars['Int']['input']>;
  /** DERIVED recomputes from sub-goals and tasks. */
  progressMode?: InputMaybe<ProgressMode>;
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** New visibility. */
  visibility?: InputMaybe<Visibility>;
};

/** Changes to a habit; omitted fields stay as they are. */
export type UpdateHabitInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The habit. */
  id: Scalars['ID']['input'];
  /** New schedule kind; its weekdays or times per week must fit it. */
  schedule?: InputMaybe<ScheduleKind>;
  /** For TIMES_PER_WEEK: 1-7; kept if the kind is unchanged. */
  timesPerWeek?: InputMaybe<Scalars['Int']['input']>;
  /** IANA fallback zone; null removes it. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** For WEEKDAYS: 0 (Monday) to 6 (Sunday); kept if the kind is unchanged. */
  weekdays?: InputMaybe<Array<Scalars['Int']['input']>>;
};

/** Life-area scores (0-100) to change; omitted areas stay. */
export type UpdateLifeAreasInput = {
  /** Career, 0-100. */
  career?: InputMaybe<Scalars['Int']['input']>;
  /** Creativity, 0-100. */
  creativity?: InputMaybe<Scalars['Int']['input']>;
  /** Family, 0-100. */
  family?: InputMaybe<Scalars['Int']['input']>;
  /** Finance, 0-100. */
  finance?: InputMaybe<Scalars['Int']['input']>;
  /** Health, 0-100. */
  health?: InputMaybe<Scalars['Int']['input']>;
  /** Learning, 0-100. */
  learning?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to notification preferences; omitted parts stay. */
export type UpdateNotificationPreferencesInput = {
  /** Settings to change. */
  channels?: Array<NotificationChannelSettingInput>;
  /** Remove quiet hours. */
  clearQuietHours?: Scalars['Boolean']['input'];
  /** New quiet hours. */
  quietHours?: InputMaybe<QuietHoursInput>;
};

/** Preferences to change; omitted fields stay as they are. */
export type UpdatePreferencesInput = {
  /** Language of the apps, e.g. en. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Notification channels. */
  notifications?: InputMaybe<NotificationChannelsInput>;
  /** Who may see the profile. */
  privacy?: InputMaybe<ProfilePrivacy>;
  /** Colour scheme. */
  theme?: InputMaybe<Theme>;
};

/** Profile fields to change; omitted fields stay as they are. */
export type UpdateProfileInput = {
  /** A completed AVATAR upload of yours (completeUpload); empty to remove it. */
  avatarMediaId?: InputMaybe<Scalars['ID']['input']>;
  /** http(s) URL of the avatar; empty to remove it. */
  avatarUrl?: InputMaybe<Scalars['String']['input']>;
  /** A few words about yourself (500 characters); empty to clear. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** Name shown to others. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** Language tag, e.g. pt-BR. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone, e.g. Europe/Paris. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a project; omitted fields stay as they are. */
export type UpdateProjectInput = {
  /** Archive or restore it. */
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  /** New colour; null clears it. */
  color?: InputMaybe<Scalars['String']['input']>;
  /** The project. */
  id: Scalars['ID']['input'];
  /** New name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a task; omitted fields stay as they are. */
export type UpdateTaskInput = {
  /** Tick or untick. */
  done?: InputMaybe<Scalars['Boolean']['input']>;
  /** New due date. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** The task's goal. */
  goalId: Scalars['ID']['input'];
  /** The task. */
  taskId: Scalars['ID']['input'];
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a task; omitted fields stay as they are. */
export type UpdateTodoTaskInput = {
  /** New due time; null clears it. */
  dueAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** New due day; null clears the due date. */
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  /** Link to this goal; null unlinks. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** The task. */
  id: Scalars['ID']['input'];
  /** New notes. */
  notes?: InputMaybe<Scalars['String']['input']>;
  /** New priority. */
  priority?: InputMaybe<TaskPriority>;
  /** New RRULE; null stops the repetition. */
  recurrence?: InputMaybe<Scalars['String']['input']>;
  /** The new checklist (replaces the old one). */
  subtasks?: InputMaybe<Array<SubtaskInputType>>;
  /** The new tags (replace the old ones). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New title. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A LifeGraph user (owned by users). */
export type User = Node & {
  __typename?: 'User';
  /** Badges the user earned. Public, like a profile. */
  achievements: Array<Achievement>;
  /** The avatar uploaded through completeUpload; null if hidden or unset. */
  avatar?: Maybe<Media>;
  /** URL of the avatar image; null if hidden or unset. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /** A few words about the member; null if hidden or unset. */
  bio?: Maybe<Scalars['String']['output']>;
  /** Occurrences in [from, to) (only for the user themselves). */
  calendar: Array<CalendarOccurrence>;
  /** Your conversations, most recently active first (only your own). */
  conversations: ConversationConnection;
  /** When the account was created; null if hidden. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Name shown to other members. */
  displayName: Scalars['String']['output'];
  /** Email address (the member and admins only). */
  email?: Maybe<Scalars['String']['output']>;
  /** Whether the email address is confirmed (member and admins). */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  /** Focus totals by local day and week (only for the user). */
  focusStats: FocusStats;
  /** How many users follow this user; null when the viewer may not see this user's profile (a private profile, or a followers-only one to non-followers). */
  followerCount?: Maybe<Scalars['Int']['output']>;
  /** Who follows this user, most recent first. */
  followers: FollowLinkConnection;
  /** Whom this user follows, most recent first. */
  following: FollowLinkConnection;
  /** How many users this user follows; null when the viewer may not see this user's profile (as `followerCount`). */
  followingCount?: Maybe<Scalars['Int']['output']>;
  /** The user's goals the viewer may read, newest first. */
  goals: GoalConnection;
  /** The user's habits (only for the user themselves). */
  habits: HabitConnection;
  /** The user's id. */
  id: Scalars['ID']['output'];
  /** Life-area scores; null if hidden. */
  lifeAreas?: Maybe<LifeAreas>;
  /** Balance across life areas. Owner only. */
  lifeBalance: LifeBalance;
  /** Language tag for formatting; null if hidden. */
  locale?: Maybe<Scalars['String']['output']>;
  /** How mood goes with habits and focus (e.g. on days you ran). Owner only. */
  moodCorrelations: MoodCorrelations;
  /** Globally unique, opaque id that names the type too: what `node(id:)` and `nodes(ids:)` take. Relay: set `nodeInterfaceIdField` to `nodeId`. */
  nodeId: Scalars['ID']['output'];
  /** The user's inbox, newest first. Owner only. */
  notifications: NotificationConnection;
  /** The verified mobile number in E.164, for SMS (member and admins only). */
  phoneNumber?: Maybe<Scalars['String']['output']>;
  /** Posts by this user that the viewer may see, newest first. */
  posts: PostConnection;
  /** Settings for the apps (member and admins). */
  preferences?: Maybe<Preferences>;
  /** Roles of the member; null if hidden. */
  roles?: Maybe<Array<UserRole>>;
  /** Activity counts. Owner only. */
  stats: UserStats;
  /** IANA time zone; null if hidden. */
  timezone?: Maybe<Scalars['String']['output']>;
  /** Whether two-step sign-in is on (member and admins). */
  totpEnabled?: Maybe<Scalars['Boolean']['output']>;
  /** Unread messages across all your conversations (only your own). */
  unreadTotal: Scalars['Int']['output'];
  /** Whether the signed-in viewer follows this user. */
  viewerFollows: Scalars['Boolean']['output'];
  /** The user's week in numbers. Owner only. */
  weeklyReport: WeeklyReport;
};


/** A LifeGraph user (owned by users). */
export type UserCalendarArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserFocusStatsArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserGoalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  area?: InputMaybe<LifeArea>;
  first?: Scalars['Int']['input'];
  status?: InputMaybe<GoalStatus>;
};


/** A LifeGraph user (owned by users). */
export type UserHabitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserMoodCorrelationsArgs = {
  days?: Scalars['Int']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  unreadOnly?: Scalars['Boolean']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserPostsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A LifeGraph user (owned by users). */
export type UserWeeklyReportArgs = {
  weekOf?: InputMaybe<Scalars['Date']['input']>;
};

/** A page of items with cursors (Relay cursor connection). */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The items of this page with their cursors. */
  edges: Array<UserEdge>;
  /** The items of this page without cursors. */
  nodes: Array<User>;
  /** Paging information. */
  pageInfo: PageInfo;
};

/** One item of a connection with its cursor. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: User;
};

/** Names one user. */
export type UserInput = {
  /** The user's id. */
  userId: Scalars['ID']['input'];
};

/** What a member may do beyond using their own account. */
export type UserRole =
  | 'ADMIN'
  | 'MODERATOR'
  | 'USER';

/** Counts that summarise a user's activity. */
export type UserStats = {
  __typename?: 'UserStats';
  /** Best running habit streak in days (alive if checked in today or yesterday). */
  currentStreak: Scalars['Int']['output'];
  /** Focus minutes since Monday 00:00 in the user's timezone. */
  focusMinutesThisWeek: Scalars['Float']['output'];
  /** Goals currently active. */
  goalsActive: Scalars['Int']['output'];
  /** Goals currently completed. */
  goalsCompleted: Scalars['Int']['output'];
  /** Likes received from other users. */
  likesReceived: Scalars['Int']['output'];
  /** Longest habit streak ever, in days. */
  longestStreak: Scalars['Int']['output'];
  /** Posts written. */
  posts: Scalars['Int']['output'];
};

/** A span of local days on which every habit's streak pauses. */
export type Vacation = {
  __typename?: 'Vacation';
  /** Its last day; null while open. */
  endDate?: Maybe<Scalars['Date']['output']>;
  /** Its first day. */
  startDate: Scalars['Date']['output'];
};

/** Confirm an email address with a token from the mail. */
export type VerifyEmailInput = {
  /** The token from the verification mail. */
  token: Scalars['String']['input'];
};

/** The code texted to the number being verified. */
export type VerifyPhoneInput = {
  /** The 6-digit code. */
  code: Scalars['String']['input'];
};

/** Who may read a goal: only the owner, the owner's followers, or anyone. */
export type Visibility =
  | 'FOLLOWERS'
  | 'PRIVATE'
  | 'PUBLIC';

/** One week (Monday to Monday in the user's timezone) in numbers. */
export type WeeklyReport = {
  __typename?: 'WeeklyReport';
  /** Comments on others' posts. */
  commentsWritten: Scalars['Int']['output'];
  /** End of the week (exclusive). */
  endsAt: Scalars['DateTime']['output'];
  /** Focus minutes in the week. */
  focusMinutes: Scalars['Float']['output'];
  /** Goals completed in the week. */
  goalsCompleted: Scalars['Int']['output'];
  /** Habit check-ins in the week. */
  habitCheckIns: Scalars['Int']['output'];
  /** Likes received in the week. */
  likesReceived: Scalars['Int']['output'];
  /** Chat messages sent in the week. */
  messagesSent: Scalars['Int']['output'];
  /** Posts written in the week. */
  posts: Scalars['Int']['output'];
  /** Start of the week as an instant. */
  startsAt: Scalars['DateTime']['output'];
  /** Tasks completed in the week. */
  tasksCompleted: Scalars['Int']['output'];
  /** IANA timezone the week was cut in. */
  timezone: Scalars['String']['output'];
  /** Tracker entries logged in the week. */
  trackerEntries: Scalars['Int']['output'];
  /** The local Monday the week starts on. */
  weekStart: Scalars['Date']['output'];
};

/** Writes the journal entry of a day: creates it or changes it. */
export type WriteJournalEntryInput = {
  /** Markdown (at most 20,000 characters); required for a new entry. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** The local day; today in the viewer's zone when omitted. */
  day?: InputMaybe<Scalars['Date']['input']>;
  /** Let the AI coach read this entry; false for a new entry when omitted. */
  shareWithCoach?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CreateActivityMutationVariables = Exact<{
  input: CreateActivityInput;
}>;


export type CreateActivityMutation = { __typename?: 'Mutation', createActivity: { __typename?: 'Activity', id: string, title: string, startsAt: string, endsAt: string, location?: string | null, recurrence?: string | null } };

export type ViewerFieldsFragment = { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null };

export type TaskFieldsFragment = { __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null };

export type GoalFieldsFragment = { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null };

export type HabitFieldsFragment = { __typename?: 'Habit', id: string, title: string, currentStreak: number, longestStreak: number, streakUnit: StreakUnit, checkedInToday: boolean };

export type PostFieldsFragment = { __typename?: 'Post', id: string, text: string, category: PostCategory, createdAt: string, likeCount: number, commentCount: number, viewerHasLiked: boolean, viewerHasSaved: boolean, author: { __typename?: 'User', id: string, displayName: string, viewerFollows: boolean }, goal?: { __typename?: 'Goal', id: string, title: string } | null, media: Array<{ __typename?: 'Media', id: string, url: string } | null> };

export type AuthFieldsFragment = { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresIn: number, user: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { __typename?: 'Mutation', register: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresIn: number, user: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresIn: number, user: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } } };

export type RefreshTokenMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type RefreshTokenMutation = { __typename?: 'Mutation', refreshToken: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresIn: number, user: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } } };

export type LogoutMutationVariables = Exact<{
  input: LogoutInput;
}>;


export type LogoutMutation = { __typename?: 'Mutation', logout: boolean };

export type EnrollTotpMutationVariables = Exact<{ [key: string]: never; }>;


export type EnrollTotpMutation = { __typename?: 'Mutation', enrollTotp: { __typename?: 'TotpEnrollment', secret: string, otpauthUri: string } };

export type ConfirmTotpMutationVariables = Exact<{
  input: ConfirmTotpInput;
}>;


export type ConfirmTotpMutation = { __typename?: 'Mutation', confirmTotp: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } };

export type DisableTotpMutationVariables = Exact<{
  input: DisableTotpInput;
}>;


export type DisableTotpMutation = { __typename?: 'Mutation', disableTotp: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } };

export type HomeQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, goals: { __typename?: 'GoalConnection', nodes: Array<{ __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null }> }, habits: { __typename?: 'HabitConnection', nodes: Array<{ __typename?: 'Habit', id: string, title: string, currentStreak: number, longestStreak: number, streakUnit: StreakUnit, checkedInToday: boolean }> }, avatar?: { __typename?: 'Media', id: string, url: string } | null } };

export type FollowingFeedQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FollowingFeedQuery = { __typename?: 'Query', followingFeed: { __typename?: 'PostConnection', nodes: Array<{ __typename?: 'Post', id: string, text: string, category: PostCategory, createdAt: string, likeCount: number, commentCount: number, viewerHasLiked: boolean, viewerHasSaved: boolean, author: { __typename?: 'User', id: string, displayName: string, viewerFollows: boolean }, goal?: { __typename?: 'Goal', id: string, title: string } | null, media: Array<{ __typename?: 'Media', id: string, url: string } | null> }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CreateGoalMutationVariables = Exact<{
  input: CreateGoalInput;
}>;


export type CreateGoalMutation = { __typename?: 'Mutation', createGoal: { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null } };

export type AddTaskMutationVariables = Exact<{
  input: AddTaskInput;
}>;


export type AddTaskMutation = { __typename?: 'Mutation', addTask: { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null } };

export type UpdateTaskMutationVariables = Exact<{
  input: UpdateTaskInput;
}>;


export type UpdateTaskMutation = { __typename?: 'Mutation', updateTask: { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null } };

export type SetGoalStatusMutationVariables = Exact<{
  input: SetGoalStatusInput;
}>;


export type SetGoalStatusMutation = { __typename?: 'Mutation', setGoalStatus: { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null } };

export type CreateHabitMutationVariables = Exact<{
  input: CreateHabitInput;
}>;


export type CreateHabitMutation = { __typename?: 'Mutation', createHabit: { __typename?: 'Habit', id: string, title: string, currentStreak: number, longestStreak: number, streakUnit: StreakUnit, checkedInToday: boolean } };

export type CheckInHabitMutationVariables = Exact<{
  input: CheckInInput;
}>;


export type CheckInHabitMutation = { __typename?: 'Mutation', checkInHabit: { __typename?: 'Habit', id: string, title: string, currentStreak: number, longestStreak: number, streakUnit: StreakUnit, checkedInToday: boolean } };

export type NotificationFieldsFragment = { __typename?: 'Notification', id: string, kind: NotificationKind, title: string, body: string, count: number, read: boolean, updatedAt: string };

export type NotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationsQuery = { __typename?: 'Query', unreadNotificationCount: number, notifications: { __typename?: 'NotificationConnection', nodes: Array<{ __typename?: 'Notification', id: string, kind: NotificationKind, title: string, body: string, count: number, read: boolean, updatedAt: string }> } };

export type GoalChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type GoalChangedSubscription = { __typename?: 'Subscription', goalChanged: { __typename?: 'GoalChange', cursor: string, goalId: string, deleted: boolean, goal?: { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null } | null } };

export type HabitChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type HabitChangedSubscription = { __typename?: 'Subscription', habitChanged: { __typename?: 'HabitChange', cursor: string, habitId: string, deleted: boolean, habit?: { __typename?: 'Habit', id: string, title: string, currentStreak: number, longestStreak: number, streakUnit: StreakUnit, checkedInToday: boolean } | null } };

export type NotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationAddedSubscription = { __typename?: 'Subscription', notificationAdded: { __typename?: 'Notification', id: string, kind: NotificationKind, title: string, body: string, count: number, read: boolean, updatedAt: string } };

export type MarkNotificationsReadMutationVariables = Exact<{
  input: MarkNotificationsReadInput;
}>;


export type MarkNotificationsReadMutation = { __typename?: 'Mutation', markNotificationsRead: { __typename?: 'MarkNotificationsReadPayload', unreadCount: number } };

export type MarkAllNotificationsReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkAllNotificationsReadMutation = { __typename?: 'Mutation', markAllNotificationsRead: { __typename?: 'MarkNotificationsReadPayload', unreadCount: number } };

export type CreatePostMutationVariables = Exact<{
  input: CreatePostInput;
}>;


export type CreatePostMutation = { __typename?: 'Mutation', createPost: { __typename?: 'Post', id: string, text: string, category: PostCategory, createdAt: string, likeCount: number, commentCount: number, viewerHasLiked: boolean, viewerHasSaved: boolean, author: { __typename?: 'User', id: string, displayName: string, viewerFollows: boolean }, goal?: { __typename?: 'Goal', id: string, title: string } | null, media: Array<{ __typename?: 'Media', id: string, url: string } | null> } };

export type CreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;


export type CreateUploadMutation = { __typename?: 'Mutation', createUpload: { __typename?: 'PresignedUpload', uploadId: string, url: string, headers: unknown, expiresAt: string } };

export type CompleteUploadMutationVariables = Exact<{
  input: CompleteUploadInput;
}>;


export type CompleteUploadMutation = { __typename?: 'Mutation', completeUpload: { __typename?: 'Media', id: string, contentType: string, url: string } };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { __typename?: 'Mutation', updateProfile: { __typename?: 'User', id: string, displayName: string, email?: string | null, totpEnabled?: boolean | null, avatar?: { __typename?: 'Media', id: string, url: string } | null } };

export type LikePostMutationVariables = Exact<{
  input: PostInput;
}>;


export type LikePostMutation = { __typename?: 'Mutation', likePost: { __typename?: 'Post', id: string, likeCount: number, viewerHasLiked: boolean } };

export type UnlikePostMutationVariables = Exact<{
  input: PostInput;
}>;


export type UnlikePostMutation = { __typename?: 'Mutation', unlikePost: { __typename?: 'Post', id: string, likeCount: number, viewerHasLiked: boolean } };

export type GoalTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type GoalTemplatesQuery = { __typename?: 'Query', goalTemplates: Array<{ __typename?: 'GoalTemplate', id: string, area: LifeArea, builtIn: boolean, goal: { __typename?: 'TemplateGoal', title: string, description: string, tasks: Array<{ __typename?: 'TemplateTask', title: string }>, subGoals: Array<{ __typename?: 'TemplateGoal', title: string, tasks: Array<{ __typename?: 'TemplateTask', title: string }> }> } }> };

export type InstantiateGoalTemplateMutationVariables = Exact<{
  input: InstantiateTemplateInput;
}>;


export type InstantiateGoalTemplateMutation = { __typename?: 'Mutation', instantiateGoalTemplate: { __typename?: 'Goal', id: string, title: string, area: LifeArea, status: GoalStatus, progress: number, dueDate?: string | null, depth: number, tasks: Array<{ __typename?: 'Task', id: string, title: string, done: boolean, dueDate?: string | null }>, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus, parent?: { __typename?: 'Goal', id: string, progress: number, status: GoalStatus } | null } | null } | null } | null } };

export type MessageFieldsFragment = { __typename?: 'Message', id: string, conversationId: string, text: string, createdAt: string, clientMessageId?: string | null, isStreaming: boolean, sender?: { __typename?: 'User', id: string, displayName: string } | null, proposal?: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } | null };

export type CoachProposalFieldsFragment = { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null };

export type ConfirmCoachProposalMutationVariables = Exact<{
  input: ConfirmCoachProposalInput;
}>;


export type ConfirmCoachProposalMutation = { __typename?: 'Mutation', confirmCoachProposal: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } };

export type DeclineCoachProposalMutationVariables = Exact<{
  input: DeclineCoachProposalInput;
}>;


export type DeclineCoachProposalMutation = { __typename?: 'Mutation', declineCoachProposal: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } };

export type ConversationFieldsFragment = { __typename?: 'Conversation', id: string, kind: ConversationKind, title?: string | null, unreadCount: number, members: Array<{ __typename?: 'User', id: string, displayName: string }>, readReceipts: Array<{ __typename?: 'ReadReceipt', lastReadMessageId?: string | null, readAt?: string | null, user: { __typename?: 'User', id: string } }> };

export type ConversationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConversationsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, conversations: { __typename?: 'ConversationConnection', nodes: Array<{ __typename?: 'Conversation', id: string, kind: ConversationKind, title?: string | null, unreadCount: number, members: Array<{ __typename?: 'User', id: string, displayName: string }>, readReceipts: Array<{ __typename?: 'ReadReceipt', lastReadMessageId?: string | null, readAt?: string | null, user: { __typename?: 'User', id: string } }> }> } } };

export type MessagesQueryVariables = Exact<{
  conversationId: Scalars['ID']['input'];
}>;


export type MessagesQuery = { __typename?: 'Query', messages: { __typename?: 'MessageConnection', nodes: Array<{ __typename?: 'Message', id: string, conversationId: string, text: string, createdAt: string, clientMessageId?: string | null, isStreaming: boolean, sender?: { __typename?: 'User', id: string, displayName: string } | null, proposal?: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } | null }> } };

export type StartDirectConversationMutationVariables = Exact<{
  input: StartDirectConversationInput;
}>;


export type StartDirectConversationMutation = { __typename?: 'Mutation', startDirectConversation: { __typename?: 'Conversation', id: string, kind: ConversationKind, title?: string | null, unreadCount: number, members: Array<{ __typename?: 'User', id: string, displayName: string }>, readReceipts: Array<{ __typename?: 'ReadReceipt', lastReadMessageId?: string | null, readAt?: string | null, user: { __typename?: 'User', id: string } }> } };

export type SendMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendMessageMutation = { __typename?: 'Mutation', sendMessage: { __typename?: 'Message', id: string, conversationId: string, text: string, createdAt: string, clientMessageId?: string | null, isStreaming: boolean, sender?: { __typename?: 'User', id: string, displayName: string } | null, proposal?: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } | null } };

export type SetTypingMutationVariables = Exact<{
  input: SetTypingInput;
}>;


export type SetTypingMutation = { __typename?: 'Mutation', setTyping: boolean };

export type MarkConversationReadMutationVariables = Exact<{
  input: MarkConversationReadInput;
}>;


export type MarkConversationReadMutation = { __typename?: 'Mutation', markConversationRead: { __typename?: 'Conversation', id: string, unreadCount: number } };

export type MessageAddedSubscriptionVariables = Exact<{
  conversationId: Scalars['ID']['input'];
}>;


export type MessageAddedSubscription = { __typename?: 'Subscription', messageAdded: { __typename?: 'Message', id: string, conversationId: string, text: string, createdAt: string, clientMessageId?: string | null, isStreaming: boolean, sender?: { __typename?: 'User', id: string, displayName: string } | null, proposal?: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } | null } };

export type TypingSubscriptionVariables = Exact<{
  conversationId: Scalars['ID']['input'];
}>;


export type TypingSubscription = { __typename?: 'Subscription', typing: { __typename?: 'TypingIndicator', isTyping: boolean, user: { __typename?: 'User', id: string, displayName: string } } };

export type ReadReceiptUpdatedSubscriptionVariables = Exact<{
  conversationId: Scalars['ID']['input'];
}>;


export type ReadReceiptUpdatedSubscription = { __typename?: 'Subscription', readReceiptUpdated: { __typename?: 'ReadReceipt', lastReadMessageId?: string | null, readAt?: string | null, user: { __typename?: 'User', id: string } } };

export type ConversationUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConversationUpdatedSubscription = { __typename?: 'Subscription', conversationUpdated: { __typename?: 'ConversationUpdate', conversationId: string, reason: ConversationUpdateReason } };

export type UpcomingQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type UpcomingQuery = { __typename?: 'Query', calendar: Array<{ __typename?: 'CalendarOccurrence', startsAt: string, endsAt: string, originalStart: string, moved: boolean, activity: { __typename?: 'Activity', id: string, title: string, location?: string | null } }> };

export type FocusSessionFieldsFragment = { __typename?: 'FocusSession', id: string, status: FocusStatus, plannedMinutes: number, startedAt: string, endedAt?: string | null, minutes: number };

export type CurrentFocusSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type CurrentFocusSessionQuery = { __typename?: 'Query', currentFocusSession?: { __typename?: 'FocusSession', id: string, status: FocusStatus, plannedMinutes: number, startedAt: string, endedAt?: string | null, minutes: number } | null };

export type StartFocusSessionMutationVariables = Exact<{
  input: StartFocusInput;
}>;


export type StartFocusSessionMutation = { __typename?: 'Mutation', startFocusSession: { __typename?: 'FocusSession', id: string, status: FocusStatus, plannedMinutes: number, startedAt: string, endedAt?: string | null, minutes: number } };

export type FinishFocusSessionMutationVariables = Exact<{
  input: FocusIdInput;
}>;


export type FinishFocusSessionMutation = { __typename?: 'Mutation', finishFocusSession: { __typename?: 'FocusSession', id: string, status: FocusStatus, plannedMinutes: number, startedAt: string, endedAt?: string | null, minutes: number } };

export type RotateCalendarFeedMutationVariables = Exact<{ [key: string]: never; }>;


export type RotateCalendarFeedMutation = { __typename?: 'Mutation', rotateCalendarFeed: { __typename?: 'CalendarFeedPayload', path: string } };

export type TrendingFeedQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TrendingFeedQuery = { __typename?: 'Query', trendingFeed: { __typename?: 'PostConnection', nodes: Array<{ __typename?: 'Post', id: string, text: string, category: PostCategory, createdAt: string, likeCount: number, commentCount: number, viewerHasLiked: boolean, viewerHasSaved: boolean, author: { __typename?: 'User', id: string, displayName: string, viewerFollows: boolean }, goal?: { __typename?: 'Goal', id: string, title: string } | null, media: Array<{ __typename?: 'Media', id: string, url: string } | null> }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SavePostMutationVariables = Exact<{
  input: PostInput;
}>;


export type SavePostMutation = { __typename?: 'Mutation', savePost: { __typename?: 'Post', id: string, viewerHasSaved: boolean } };

export type UnsavePostMutationVariables = Exact<{
  input: PostInput;
}>;


export type UnsavePostMutation = { __typename?: 'Mutation', unsavePost: { __typename?: 'Removed', id: string } };

export type FollowUserMutationVariables = Exact<{
  input: UserInput;
}>;


export type FollowUserMutation = { __typename?: 'Mutation', followUser: { __typename?: 'User', id: string, viewerFollows: boolean } };

export type UnfollowUserMutationVariables = Exact<{
  input: UserInput;
}>;


export type UnfollowUserMutation = { __typename?: 'Mutation', unfollowUser: { __typename?: 'User', id: string, viewerFollows: boolean } };

export type CommentFieldsFragment = { __typename?: 'Comment', id: string, text: string, createdAt: string, author: { __typename?: 'User', id: string, displayName: string } };

export type PostCommentsQueryVariables = Exact<{
  postId: Scalars['ID']['input'];
}>;


export type PostCommentsQuery = { __typename?: 'Query', post?: { __typename?: 'Post', id: string, commentCount: number, comments: { __typename?: 'CommentConnection', nodes: Array<{ __typename?: 'Comment', id: string, text: string, createdAt: string, author: { __typename?: 'User', id: string, displayName: string } }> } } | null };

export type AddCommentMutationVariables = Exact<{
  input: AddCommentInput;
}>;


export type AddCommentMutation = { __typename?: 'Mutation', addComment: { __typename?: 'Comment', id: string, text: string, createdAt: string, post?: { __typename?: 'Post', id: string, commentCount: number } | null, author: { __typename?: 'User', id: string, displayName: string } } };

export type InsightsQueryVariables = Exact<{ [key: string]: never; }>;


export type InsightsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, lifeBalance: { __typename?: 'LifeBalance', overall: number, areas: Array<{ __typename?: 'LifeAreaBalance', area: string, score: number }> }, stats: { __typename?: 'UserStats', goalsActive: number, goalsCompleted: number, longestStreak: number, focusMinutesThisWeek: number }, achievements: Array<{ __typename?: 'Achievement', badge: string, title: string, description: string, unlockedAt: string }>, habits: { __typename?: 'HabitConnection', nodes: Array<{ __typename?: 'Habit', id: string, title: string, today: string, recentCheckIns: Array<string> }> }, goals: { __typename?: 'GoalConnection', nodes: Array<{ __typename?: 'Goal', id: string, title: string, insights?: { __typename?: 'GoalInsights', progress: Array<{ __typename?: 'ChartPoint', at: string, value: number }> } | null }> } } };

export type MessageUpdatedSubscriptionVariables = Exact<{
  conversationId: Scalars['ID']['input'];
}>;


export type MessageUpdatedSubscription = { __typename?: 'Subscription', messageUpdated: { __typename?: 'Message', id: string, conversationId: string, text: string, createdAt: string, clientMessageId?: string | null, isStreaming: boolean, sender?: { __typename?: 'User', id: string, displayName: string } | null, proposal?: { __typename?: 'CoachProposal', id: string, kind: CoachProposalKind, status: CoachProposalStatus, title?: string | null, area?: string | null, dueDate?: string | null, habit?: string | null, day?: string | null } | null } };

export type OpenCoachConversationMutationVariables = Exact<{ [key: string]: never; }>;


export type OpenCoachConversationMutation = { __typename?: 'Mutation', openCoachConversation: { __typename?: 'Conversation', id: string, kind: ConversationKind, title?: string | null, unreadCount: number, members: Array<{ __typename?: 'User', id: string, displayName: string }>, readReceipts: Array<{ __typename?: 'ReadReceipt', lastReadMessageId?: string | null, readAt?: string | null, user: { __typename?: 'User', id: string } }> } };

export type NotificationPreferencesFieldsFragment = { __typename?: 'NotificationPreferences', channels: Array<{ __typename?: 'NotificationChannelSetting', kind: NotificationKind, channel: NotificationChannel, enabled: boolean }>, quietHours?: { __typename?: 'QuietHours', start: string, end: string } | null };

export type NotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationPreferencesQuery = { __typename?: 'Query', notificationPreferences: { __typename?: 'NotificationPreferences', channels: Array<{ __typename?: 'NotificationChannelSetting', kind: NotificationKind, channel: NotificationChannel, enabled: boolean }>, quietHours?: { __typename?: 'QuietHours', start: string, end: string } | null } };

export type UpdateNotificationPreferencesMutationVariables = Exact<{
  input: UpdateNotificationPreferencesInput;
}>;


export type UpdateNotificationPreferencesMutation = { __typename?: 'Mutation', updateNotificationPreferences: { __typename?: 'NotificationPreferences', channels: Array<{ __typename?: 'NotificationChannelSetting', kind: NotificationKind, channel: NotificationChannel, enabled: boolean }>, quietHours?: { __typename?: 'QuietHours', start: string, end: string } | null } };

export const TaskFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}}]} as unknown as DocumentNode<TaskFieldsFragment, unknown>;
export const GoalFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}}]} as unknown as DocumentNode<GoalFieldsFragment, unknown>;
export const HabitFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HabitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Habit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"currentStreak"}},{"kind":"Field","name":{"kind":"Name","value":"longestStreak"}},{"kind":"Field","name":{"kind":"Name","value":"streakUnit"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInToday"}}]}}]} as unknown as DocumentNode<HabitFieldsFragment, unknown>;
export const PostFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasSaved"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollows"}}]}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"MEDIUM"}}]}]}}]}}]} as unknown as DocumentNode<PostFieldsFragment, unknown>;
export const ViewerFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}}]} as unknown as DocumentNode<ViewerFieldsFragment, unknown>;
export const AuthFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuthFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}}]} as unknown as DocumentNode<AuthFieldsFragment, unknown>;
export const NotificationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<NotificationFieldsFragment, unknown>;
export const CoachProposalFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}}]} as unknown as DocumentNode<CoachProposalFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"isStreaming"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}}]} as unknown as DocumentNode<MessageFieldsFragment, unknown>;
export const ConversationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readReceipts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReadMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<ConversationFieldsFragment, unknown>;
export const FocusSessionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FocusSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FocusSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"plannedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}}]}}]} as unknown as DocumentNode<FocusSessionFieldsFragment, unknown>;
export const CommentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<CommentFieldsFragment, unknown>;
export const NotificationPreferencesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationPreferencesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferences"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quietHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]} as unknown as DocumentNode<NotificationPreferencesFieldsFragment, unknown>;
export const CreateActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"}}]}}]}}]} as unknown as DocumentNode<CreateActivityMutation, CreateActivityMutationVariables>;
export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuthFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuthFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuthFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuthFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuthFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuthFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogoutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const EnrollTotpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnrollTotp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrollTotp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"otpauthUri"}}]}}]}}]} as unknown as DocumentNode<EnrollTotpMutation, EnrollTotpMutationVariables>;
export const ConfirmTotpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmTotp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmTotpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmTotp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}}]} as unknown as DocumentNode<ConfirmTotpMutation, ConfirmTotpMutationVariables>;
export const DisableTotpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableTotp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DisableTotpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableTotp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}}]} as unknown as DocumentNode<DisableTotpMutation, DisableTotpMutationVariables>;
export const HomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Home"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}},{"kind":"Field","name":{"kind":"Name","value":"goals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"habits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HabitFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HabitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Habit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"currentStreak"}},{"kind":"Field","name":{"kind":"Name","value":"longestStreak"}},{"kind":"Field","name":{"kind":"Name","value":"streakUnit"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInToday"}}]}}]} as unknown as DocumentNode<HomeQuery, HomeQueryVariables>;
export const FollowingFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowingFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"followingFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasSaved"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollows"}}]}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"MEDIUM"}}]}]}}]}}]} as unknown as DocumentNode<FollowingFeedQuery, FollowingFeedQueryVariables>;
export const CreateGoalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGoal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGoalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGoal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateGoalMutation, CreateGoalMutationVariables>;
export const AddTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AddTaskMutation, AddTaskMutationVariables>;
export const UpdateTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateTaskMutation, UpdateTaskMutationVariables>;
export const SetGoalStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetGoalStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetGoalStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setGoalStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetGoalStatusMutation, SetGoalStatusMutationVariables>;
export const CreateHabitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateHabit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateHabitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createHabit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HabitFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HabitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Habit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"currentStreak"}},{"kind":"Field","name":{"kind":"Name","value":"longestStreak"}},{"kind":"Field","name":{"kind":"Name","value":"streakUnit"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInToday"}}]}}]} as unknown as DocumentNode<CreateHabitMutation, CreateHabitMutationVariables>;
export const CheckInHabitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckInHabit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkInHabit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HabitFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HabitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Habit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"currentStreak"}},{"kind":"Field","name":{"kind":"Name","value":"longestStreak"}},{"kind":"Field","name":{"kind":"Name","value":"streakUnit"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInToday"}}]}}]} as unknown as DocumentNode<CheckInHabitMutation, CheckInHabitMutationVariables>;
export const NotificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const GoalChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"GoalChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goalChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"goalId"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<GoalChangedSubscription, GoalChangedSubscriptionVariables>;
export const HabitChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"HabitChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"habitChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"habitId"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"habit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"HabitFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"HabitFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Habit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"currentStreak"}},{"kind":"Field","name":{"kind":"Name","value":"longestStreak"}},{"kind":"Field","name":{"kind":"Name","value":"streakUnit"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInToday"}}]}}]} as unknown as DocumentNode<HabitChangedSubscription, HabitChangedSubscriptionVariables>;
export const NotificationAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"NotificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationAdded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Notification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"read"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const MarkNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkNotificationsReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const MarkAllNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkAllNotificationsRead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markAllNotificationsRead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkAllNotificationsReadMutation, MarkAllNotificationsReadMutationVariables>;
export const CreatePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasSaved"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollows"}}]}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"MEDIUM"}}]}]}}]}}]} as unknown as DocumentNode<CreatePostMutation, CreatePostMutationVariables>;
export const CreateUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"headers"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<CreateUploadMutation, CreateUploadMutationVariables>;
export const CompleteUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"MEDIUM"}}]}]}}]}}]} as unknown as DocumentNode<CompleteUploadMutation, CompleteUploadMutationVariables>;
export const UpdateProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ViewerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ViewerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"avatar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"SMALL"}}]}]}}]}}]} as unknown as DocumentNode<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const LikePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LikePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"likePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}}]}}]}}]} as unknown as DocumentNode<LikePostMutation, LikePostMutationVariables>;
export const UnlikePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlikePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlikePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}}]}}]}}]} as unknown as DocumentNode<UnlikePostMutation, UnlikePostMutationVariables>;
export const GoalTemplatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GoalTemplates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goalTemplates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"subGoals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<GoalTemplatesQuery, GoalTemplatesQueryVariables>;
export const InstantiateGoalTemplateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InstantiateGoalTemplate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InstantiateTemplateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instantiateGoalTemplate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GoalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TaskFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GoalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Goal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TaskFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<InstantiateGoalTemplateMutation, InstantiateGoalTemplateMutationVariables>;
export const ConfirmCoachProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmCoachProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmCoachProposalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmCoachProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}}]} as unknown as DocumentNode<ConfirmCoachProposalMutation, ConfirmCoachProposalMutationVariables>;
export const DeclineCoachProposalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeclineCoachProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclineCoachProposalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declineCoachProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}}]} as unknown as DocumentNode<DeclineCoachProposalMutation, DeclineCoachProposalMutationVariables>;
export const ConversationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conversations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readReceipts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReadMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<ConversationsQuery, ConversationsQueryVariables>;
export const MessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Messages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"isStreaming"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}}]} as unknown as DocumentNode<MessagesQuery, MessagesQueryVariables>;
export const StartDirectConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartDirectConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartDirectConversationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startDirectConversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readReceipts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReadMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<StartDirectConversationMutation, StartDirectConversationMutationVariables>;
export const SendMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"isStreaming"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}}]} as unknown as DocumentNode<SendMessageMutation, SendMessageMutationVariables>;
export const SetTypingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTyping"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetTypingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTyping"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<SetTypingMutation, SetTypingMutationVariables>;
export const MarkConversationReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkConversationRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MarkConversationReadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markConversationRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}}]}}]}}]} as unknown as DocumentNode<MarkConversationReadMutation, MarkConversationReadMutationVariables>;
export const MessageAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"isStreaming"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}}]} as unknown as DocumentNode<MessageAddedSubscription, MessageAddedSubscriptionVariables>;
export const TypingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Typing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"typing"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isTyping"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]} as unknown as DocumentNode<TypingSubscription, TypingSubscriptionVariables>;
export const ReadReceiptUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReadReceiptUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readReceiptUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReadMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<ReadReceiptUpdatedSubscription, ReadReceiptUpdatedSubscriptionVariables>;
export const ConversationUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConversationUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<ConversationUpdatedSubscription, ConversationUpdatedSubscriptionVariables>;
export const UpcomingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Upcoming"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calendar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"originalStart"}},{"kind":"Field","name":{"kind":"Name","value":"moved"}},{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"location"}}]}}]}}]}}]} as unknown as DocumentNode<UpcomingQuery, UpcomingQueryVariables>;
export const CurrentFocusSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurrentFocusSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentFocusSession"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FocusSessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FocusSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FocusSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"plannedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}}]}}]} as unknown as DocumentNode<CurrentFocusSessionQuery, CurrentFocusSessionQueryVariables>;
export const StartFocusSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartFocusSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartFocusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startFocusSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FocusSessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FocusSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FocusSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"plannedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}}]}}]} as unknown as DocumentNode<StartFocusSessionMutation, StartFocusSessionMutationVariables>;
export const FinishFocusSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FinishFocusSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FocusIdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finishFocusSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FocusSessionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FocusSessionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FocusSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"plannedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}}]}}]} as unknown as DocumentNode<FinishFocusSessionMutation, FinishFocusSessionMutationVariables>;
export const RotateCalendarFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateCalendarFeed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateCalendarFeed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]} as unknown as DocumentNode<RotateCalendarFeedMutation, RotateCalendarFeedMutationVariables>;
export const TrendingFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrendingFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trendingFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PostFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PostFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Post"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"likeCount"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasLiked"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasSaved"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollows"}}]}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"size"},"value":{"kind":"EnumValue","value":"MEDIUM"}}]}]}}]}}]} as unknown as DocumentNode<TrendingFeedQuery, TrendingFeedQueryVariables>;
export const SavePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SavePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerHasSaved"}}]}}]}}]} as unknown as DocumentNode<SavePostMutation, SavePostMutationVariables>;
export const UnsavePostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnsavePost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unsavePost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<UnsavePostMutation, UnsavePostMutationVariables>;
export const FollowUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FollowUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"followUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollows"}}]}}]}}]} as unknown as DocumentNode<FollowUserMutation, FollowUserMutationVariables>;
export const UnfollowUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnfollowUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfollowUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollows"}}]}}]}}]} as unknown as DocumentNode<UnfollowUserMutation, UnfollowUserMutationVariables>;
export const PostCommentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PostComments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"postId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"post"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"postId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommentFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<PostCommentsQuery, PostCommentsQueryVariables>;
export const AddCommentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddCommentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommentFields"}},{"kind":"Field","name":{"kind":"Name","value":"post"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commentCount"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Comment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<AddCommentMutation, AddCommentMutationVariables>;
export const InsightsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifeBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overall"}},{"kind":"Field","name":{"kind":"Name","value":"areas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goalsActive"}},{"kind":"Field","name":{"kind":"Name","value":"goalsCompleted"}},{"kind":"Field","name":{"kind":"Name","value":"longestStreak"}},{"kind":"Field","name":{"kind":"Name","value":"focusMinutesThisWeek"}}]}},{"kind":"Field","name":{"kind":"Name","value":"achievements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"badge"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"unlockedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"habits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"today"}},{"kind":"Field","name":{"kind":"Name","value":"recentCheckIns"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"goals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<InsightsQuery, InsightsQueryVariables>;
export const MessageUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MessageFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoachProposalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoachProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"area"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"habit"}},{"kind":"Field","name":{"kind":"Name","value":"day"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MessageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Message"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"conversationId"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"isStreaming"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoachProposalFields"}}]}}]}}]} as unknown as DocumentNode<MessageUpdatedSubscription, MessageUpdatedSubscriptionVariables>;
export const OpenCoachConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenCoachConversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openCoachConversation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConversationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConversationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Conversation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readReceipts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastReadMessageId"}},{"kind":"Field","name":{"kind":"Name","value":"readAt"}}]}}]}}]} as unknown as DocumentNode<OpenCoachConversationMutation, OpenCoachConversationMutationVariables>;
export const NotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationPreferencesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationPreferencesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferences"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quietHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]} as unknown as DocumentNode<NotificationPreferencesQuery, NotificationPreferencesQueryVariables>;
export const UpdateNotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateNotificationPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateNotificationPreferencesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationPreferences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NotificationPreferencesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NotificationPreferencesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationPreferences"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quietHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]} as unknown as DocumentNode<UpdateNotificationPreferencesMutation, UpdateNotificationPreferencesMutationVariables>;