/**
 * Every operation and fragment the LifeGraph apps send. Plain documents with no DOM
 * or React dependency: the web app and a React Native app import the same ones and
 * get the same generated types (`./gql`, from `lifegraph web build`).
 */
import { graphql } from "./gql";

export const ViewerFields = graphql(`
  fragment ViewerFields on User {
    id
    displayName
    email
    totpEnabled
    avatar {
      id
      url(size: SMALL)
    }
  }
`);

export const TaskFields = graphql(`
  fragment TaskFields on Task {
    id
    title
    done
    dueDate
  }
`);

export const GoalFields = graphql(`
  fragment GoalFields on Goal {
    id
    title
    area
    status
    progress
    dueDate
    depth
    tasks {
      ...TaskFields
    }
    # Every ancestor (5 levels at most), whose progress rolls up from this goal's: each
    # mutation that answers a goal with this fragment moves the whole tree's bars at once.
    parent {
      id
      progress
      status
      parent {
        id
        progress
        status
        parent {
          id
          progress
          status
          parent {
            id
            progress
            status
          }
        }
      }
    }
  }
`);

export const HabitFields = graphql(`
  fragment HabitFields on Habit {
    id
    title
    currentStreak
    longestStreak
    streakUnit
    checkedInToday
  }
`);

export const PostFields = graphql(`
  fragment PostFields on Post {
    id
    text
    category
    createdAt
    likeCount
    commentCount
    viewerHasLiked
    viewerHasSaved
    author {
      id
      displayName
      viewerFollows
    }
    goal {
      id
      title
    }
    media {
      id
      url(size: MEDIUM)
    }
  }
`);

export const AuthFields = graphql(`
  fragment AuthFields on AuthPayload {
    accessToken
    refreshToken
    expiresIn
    user {
      ...ViewerFields
    }
  }
`);

export const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...AuthFields
    }
  }
`);

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthFields
    }
  }
`);

export const RefreshTokenDocument = graphql(`
  mutation RefreshToken($input: RefreshTokenInput!) {
    refreshToken(input: $input) {
      ...AuthFields
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout($input: LogoutInput!) {
    logout(input: $input)
  }
`);

export const EnrollTotpDocument = graphql(`
  mutation EnrollTotp {
    enrollTotp {
      secret
      otpauthUri
    }
  }
`);

export const ConfirmTotpDocument = graphql(`
  mutation ConfirmTotp($input: ConfirmTotpInput!) {
    confirmTotp(input: $input) {
      ...ViewerFields
    }
  }
`);

export const DisableTotpDocument = graphql(`
  mutation DisableTotp($input: DisableTotpInput!) {
    disableTotp(input: $input) {
      ...ViewerFields
    }
  }
`);

export const HomeDocument = graphql(`
  query Home {
    me {
      ...ViewerFields
      goals(first: 50) {
        nodes {
          ...GoalFields
        }
      }
      habits(first: 50) {
        nodes {
          ...HabitFields
        }
      }
    }
  }
`);

export const FollowingFeedDocument = graphql(`
  query FollowingFeed($first: Int!, $after: String) {
    followingFeed(first: $first, after: $after) {
      nodes {
        ...PostFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateGoalDocument = graphql(`
  mutation CreateGoal($input: CreateGoalInput!) {
    createGoal(input: $input) {
      ...GoalFields
    }
  }
`);

export const AddTaskDocument = graphql(`
  mutation AddTask($input: AddTaskInput!) {
    addTask(input: $input) {
      ...GoalFields
    }
  }
`);

export const UpdateTaskDocument = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      ...GoalFields
    }
  }
`);

export const SetGoalStatusDocument = graphql(`
  mutation SetGoalStatus($input: SetGoalStatusInput!) {
    setGoalStatus(input: $input) {
      ...GoalFields
    }
  }
`);

export const CreateHabitDocument = graphql(`
  mutation CreateHabit($input: CreateHabitInput!) {
    createHabit(input: $input) {
      ...HabitFields
    }
  }
`);

export const CheckInHabitDocument = graphql(`
  mutation CheckInHabit($input: CheckInInput!) {
    checkInHabit(input: $input) {
      ...HabitFields
    }
  }
`);

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    count
    read
    updatedAt
  }
`);

export const NotificationsDocument = graphql(`
  query Notifications {
    unreadNotificationCount
    notifications(first: 10) {
      nodes {
        ...NotificationFields
      }
    }
  }
`);

// Live sync: another device's changes. The changed object carries its fragment, so
// Apollo's cache updates it in place; a new or deleted one changes a list instead.
export const GoalChangedDocument = graphql(`
  subscription GoalChanged {
    goalChanged {
      cursor
      goalId
      deleted
      goal {
        ...GoalFields
      }
    }
  }
`);

export const HabitChangedDocument = graphql(`
  subscription HabitChanged {
    habitChanged {
      cursor
      habitId
      deleted
      habit {
        ...HabitFields
      }
    }
  }
`);

export const NotificationAddedDocument = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationFields
    }
  }
`);

export const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      unreadCount
    }
  }
`);

export const MarkAllNotificationsReadDocument = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      unreadCount
    }
  }
`);

export const CreatePostDocument = graphql(`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
      ...PostFields
    }
  }
`);

export const CreateUploadDocument = graphql(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      uploadId
      url
      headers
      expiresAt
    }
  }
`);

export const CompleteUploadDocument = graphql(`
  mutation CompleteUpload($input: CompleteUploadInput!) {
    completeUpload(input: $input) {
      id
      contentType
      url(size: MEDIUM)
    }
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      ...ViewerFields
    }
  }
`);

export const LikePostDocument = graphql(`
  mutation LikePost($input: PostInput!) {
    likePost(input: $input) {
      id
      likeCount
      viewerHasLiked
    }
  }
`);

export const UnlikePostDocument = graphql(`
  mutation UnlikePost($input: PostInput!) {
    unlikePost(input: $input) {
      id
      likeCount
      viewerHasLiked
    }
  }
`);

export const GoalTemplatesDocument = graphql(`
  query GoalTemplates {
    goalTemplates {
      id
      area
      builtIn
      goal {
        title
        description
        tasks {
          title
        }
        subGoals {
          title
          tasks {
            title
          }
        }
      }
    }
  }
`);

export const InstantiateGoalTemplateDocument = graphql(`
  mutation InstantiateGoalTemplate($input: InstantiateTemplateInput!) {
    instantiateGoalTemplate(input: $input) {
      ...GoalFields
    }
  }
`);

export const MessageFields = graphql(`
  fragment MessageFields on Message {
    id
    conversationId
    text
    createdAt
    clientMessageId
    isStreaming
    sender {
      id
      displayName
    }
    proposal {
      ...CoachProposalFields
    }
  }
`);

export const CoachProposalFields = graphql(`
  fragment CoachProposalFields on CoachProposal {
    id
    kind
    status
    title
    area
    dueDate
    habit
    day
  }
`);

export const ConfirmCoachProposalDocument = graphql(`
  mutation ConfirmCoachProposal($input: ConfirmCoachProposalInput!) {
    confirmCoachProposal(input: $input) {
      ...CoachProposalFields
    }
  }
`);

export const DeclineCoachProposalDocument = graphql(`
  mutation DeclineCoachProposal($input: DeclineCoachProposalInput!) {
    declineCoachProposal(input: $input) {
      ...CoachProposalFields
    }
  }
`);

export const ConversationFields = graphql(`
  fragment ConversationFields on Conversation {
    id
    kind
    title
    unreadCount
    members {
      id
      displayName
    }
    readReceipts {
      user {
        id
      }
      lastReadMessageId
      readAt
    }
  }
`);

export const ConversationsDocument = graphql(`
  query Conversations {
    me {
      id
      conversations(first: 20) {
        nodes {
          ...ConversationFields
        }
      }
    }
  }
`);

export const MessagesDocument = graphql(`
  query Messages($conversationId: ID!) {
    messages(conversationId: $conversationId, first: 30) {
      nodes {
        ...MessageFields
      }
    }
  }
`);

export const StartDirectConversationDocument = graphql(`
  mutation StartDirectConversation($input: StartDirectConversationInput!) {
    startDirectConversation(input: $input) {
      ...ConversationFields
    }
  }
`);

export const SendMessageDocument = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      ...MessageFields
    }
  }
`);

export const SetTypingDocument = graphql(`
  mutation SetTyping($input: SetTypingInput!) {
    setTyping(input: $input)
  }
`);

export const MarkConversationReadDocument = graphql(`
  mutation MarkConversationRead($input: MarkConversationReadInput!) {
    markConversationRead(input: $input) {
      id
      unreadCount
    }
  }
`);

export const MessageAddedDocument = graphql(`
  subscription MessageAdded($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) {
      ...MessageFields
    }
  }
`);

export const TypingDocument = graphql(`
  subscription Typing($conversationId: ID!) {
    typing(conversationId: $conversationId) {
      isTyping
      user {
        id
        displayName
      }
    }
  }
`);

export const ReadReceiptUpdatedDocument = graphql(`
  subscription ReadReceiptUpdated($conversationId: ID!) {
    readReceiptUpdated(conversationId: $conversationId) {
      user {
        id
      }
      lastReadMessageId
      readAt
    }
  }
`);

export const ConversationUpdatedDocument = graphql(`
  subscription ConversationUpdated {
    conversationUpdated {
      conversationId
      reason
    }
  }
`);

export const UpcomingDocument = graphql(`
  query Upcoming($from: DateTime!, $to: DateTime!) {
    calendar(from: $from, to: $to) {
      startsAt
      endsAt
      originalStart
      moved
      activity {
        id
        title
        location
      }
    }
  }
`);

export const FocusSessionFields = graphql(`
  fragment FocusSessionFields on FocusSession {
    id
    status
    plannedMinutes
    startedAt
    endedAt
    minutes
  }
`);

export const CurrentFocusSessionDocument = graphql(`
  query CurrentFocusSession {
    currentFocusSession {
      ...FocusSessionFields
    }
  }
`);

export const StartFocusSessionDocument = graphql(`
  mutation StartFocusSession($input: StartFocusInput!) {
    startFocusSession(input: $input) {
      ...FocusSessionFields
    }
  }
`);

export const FinishFocusSessionDocument = graphql(`
  mutation FinishFocusSession($input: FocusIdInput!) {
    finishFocusSession(input: $input) {
      ...FocusSessionFields
    }
  }
`);

export const RotateCalendarFeedDocument = graphql(`
  mutation RotateCalendarFeed {
    rotateCalendarFeed {
      path
    }
  }
`);

export const TrendingFeedDocument = graphql(`
  query TrendingFeed($first: Int!, $after: String) {
    trendingFeed(first: $first, after: $after) {
      nodes {
        ...PostFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SavePostDocument = graphql(`
  mutation SavePost($input: PostInput!) {
    savePost(input: $input) {
      id
      viewerHasSaved
    }
  }
`);

export const UnsavePostDocument = graphql(`
  mutation UnsavePost($input: PostInput!) {
    unsavePost(input: $input) {
      id
    }
  }
`);

export const FollowUserDocument = graphql(`
  mutation FollowUser($input: UserInput!) {
    followUser(input: $input) {
      id
      viewerFollows
    }
  }
`);

export const UnfollowUserDocument = graphql(`
  mutation UnfollowUser($input: UserInput!) {
    unfollowUser(input: $input) {
      id
      viewerFollows
    }
  }
`);

export const CommentFields = graphql(`
  fragment CommentFields on Comment {
    id
    text
    createdAt
    author {
      id
      displayName
    }
  }
`);

export const PostCommentsDocument = graphql(`
  query PostComments($postId: ID!) {
    post(id: $postId) {
      id
      commentCount
      comments(first: 50) {
        nodes {
          ...CommentFields
        }
      }
    }
  }
`);

export const AddCommentDocument = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      ...CommentFields
      post {
        id
        commentCount
      }
    }
  }
`);

export const InsightsDocument = graphql(`
  query Insights {
    me {
      id
      lifeBalance {
        overall
        areas {
          area
          score
        }
      }
      stats {
        goalsActive
        goalsCompleted
        longestStreak
        focusMinutesThisWeek
      }
      achievements {
        badge
        title
        description
        unlockedAt
      }
      habits(first: 50) {
        nodes {
          id
          title
          today
          recentCheckIns
        }
      }
      goals(first: 50) {
        nodes {
          id
          title
          insights {
            progress {
              at
              value
            }
          }
        }
      }
    }
  }
`);

export const MessageUpdatedDocument = graphql(`
  subscription MessageUpdated($conversationId: ID!) {
    messageUpdated(conversationId: $conversationId) {
      ...MessageFields
    }
  }
`);

export const OpenCoachConversationDocument = graphql(`
  mutation OpenCoachConversation {
    openCoachConversation {
      ...ConversationFields
    }
  }
`);

export const NotificationPreferencesFields = graphql(`
  fragment NotificationPreferencesFields on NotificationPreferences {
    channels {
      kind
      channel
      enabled
    }
    quietHours {
      start
      end
    }
  }
`);

export const NotificationPreferencesDocument = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      ...NotificationPreferencesFields
    }
  }
`);

export const UpdateNotificationPreferencesDocument = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      ...NotificationPreferencesFields
    }
  }
`);
