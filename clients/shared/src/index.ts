/** LifeGraph's client core, shared by the web app and a React Native app (no DOM). */
export * from "./cache";
export * from "./client";
export * from "./errors";
export * from "./operations";
export * from "./session";
export type {
  ConversationFieldsFragment,
  FollowingFeedQuery,
  MessageFieldsFragment,
  GoalFieldsFragment,
  GoalStatus,
  HabitFieldsFragment,
  HomeQuery,
  LifeArea,
  NotificationFieldsFragment,
  NotificationsQuery,
  PostFieldsFragment,
  StreakUnit,
  ViewerFieldsFragment,
} from "./gql/graphql";
