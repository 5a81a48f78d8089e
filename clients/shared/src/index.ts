/** LifeGraph's client core, shared by the web app and a React Native app (no DOM). */
export * from "./cache";
export * from "./calendar";
export * from "./chat";
export * from "./client";
export * from "./errors";
export * from "./goals";
export * from "./insights";
export * from "./operations";
export * from "./session";
export * from "./today";
export * from "./upload";
export type {
  CoachProposalFieldsFragment,
  ConversationFieldsFragment,
  FocusSessionFieldsFragment,
  FollowingFeedQuery,
  MessageFieldsFragment,
  GoalFieldsFragment,
  GoalStatus,
  GoalTemplatesQuery,
  HabitFieldsFragment,
  HomeQuery,
  LifeArea,
  NotificationFieldsFragment,
  NotificationsQuery,
  PostFieldsFragment,
  StreakUnit,
  TaskFieldsFragment,
  UpcomingQuery,
  ViewerFieldsFragment,
} from "./gql/graphql";
