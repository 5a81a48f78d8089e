/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      id\n      title\n      startsAt\n      endsAt\n      location\n      recurrence\n    }\n  }\n": typeof types.CreateActivityDocument,
    "\n  fragment ViewerFields on User {\n    id\n    displayName\n    email\n    totpEnabled\n    avatar {\n      id\n      url(size: SMALL)\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    id\n    title\n    done\n    dueDate\n  }\n": typeof types.TaskFieldsFragmentDoc,
    "\n  fragment GoalFields on Goal {\n    id\n    title\n    area\n    status\n    progress\n    dueDate\n    depth\n    tasks {\n      ...TaskFields\n    }\n    # Every ancestor (5 levels at most), whose progress rolls up from this goal's: each\n    # mutation that answers a goal with this fragment moves the whole tree's bars at once.\n    parent {\n      id\n      progress\n      status\n      parent {\n        id\n        progress\n        status\n        parent {\n          id\n          progress\n          status\n          parent {\n            id\n            progress\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.GoalFieldsFragmentDoc,
    "\n  fragment HabitFields on Habit {\n    id\n    title\n    currentStreak\n    longestStreak\n    streakUnit\n    checkedInToday\n  }\n": typeof types.HabitFieldsFragmentDoc,
    "\n  fragment PostFields on Post {\n    id\n    text\n    category\n    createdAt\n    likeCount\n    commentCount\n    viewerHasLiked\n    viewerHasSaved\n    author {\n      id\n      displayName\n      viewerFollows\n    }\n    goal {\n      id\n      title\n    }\n    media {\n      id\n      url(size: MEDIUM)\n    }\n  }\n": typeof types.PostFieldsFragmentDoc,
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...ViewerFields\n    }\n  }\n": typeof types.AuthFieldsFragmentDoc,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.RefreshTokenDocument,
    "\n  mutation Logout($input: LogoutInput!) {\n    logout(input: $input)\n  }\n": typeof types.LogoutDocument,
    "\n  mutation EnrollTotp {\n    enrollTotp {\n      secret\n      otpauthUri\n    }\n  }\n": typeof types.EnrollTotpDocument,
    "\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n": typeof types.ConfirmTotpDocument,
    "\n  mutation DisableTotp($input: DisableTotpInput!) {\n    disableTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n": typeof types.DisableTotpDocument,
    "\n  query Home {\n    me {\n      ...ViewerFields\n      goals(first: 50) {\n        nodes {\n          ...GoalFields\n        }\n      }\n      habits(first: 50) {\n        nodes {\n          ...HabitFields\n        }\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query FollowingFeed($first: Int!, $after: String) {\n    followingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FollowingFeedDocument,
    "\n  mutation CreateGoal($input: CreateGoalInput!) {\n    createGoal(input: $input) {\n      ...GoalFields\n    }\n  }\n": typeof types.CreateGoalDocument,
    "\n  mutation AddTask($input: AddTaskInput!) {\n    addTask(input: $input) {\n      ...GoalFields\n    }\n  }\n": typeof types.AddTaskDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...GoalFields\n    }\n  }\n": typeof types.UpdateTaskDocument,
    "\n  mutation SetGoalStatus($input: SetGoalStatusInput!) {\n    setGoalStatus(input: $input) {\n      ...GoalFields\n    }\n  }\n": typeof types.SetGoalStatusDocument,
    "\n  mutation CreateHabit($input: CreateHabitInput!) {\n    createHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n": typeof types.CreateHabitDocument,
    "\n  mutation CheckInHabit($input: CheckInInput!) {\n    checkInHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n": typeof types.CheckInHabitDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    title\n    body\n    count\n    read\n    updatedAt\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 10) {\n      nodes {\n        ...NotificationFields\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription GoalChanged {\n    goalChanged {\n      cursor\n      goalId\n      deleted\n      goal {\n        ...GoalFields\n      }\n    }\n  }\n": typeof types.GoalChangedDocument,
    "\n  subscription HabitChanged {\n    habitChanged {\n      cursor\n      habitId\n      deleted\n      habit {\n        ...HabitFields\n      }\n    }\n  }\n": typeof types.HabitChangedDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n    }\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      unreadCount\n    }\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": typeof types.CreatePostDocument,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      url\n      headers\n      expiresAt\n    }\n  }\n": typeof types.CreateUploadDocument,
    "\n  mutation CompleteUpload($input: CompleteUploadInput!) {\n    completeUpload(input: $input) {\n      id\n      contentType\n      url(size: MEDIUM)\n    }\n  }\n": typeof types.CompleteUploadDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation LikePost($input: PostInput!) {\n    likePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.LikePostDocument,
    "\n  mutation UnlikePost($input: PostInput!) {\n    unlikePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.UnlikePostDocument,
    "\n  query GoalTemplates {\n    goalTemplates {\n      id\n      area\n      builtIn\n      goal {\n        title\n        description\n        tasks {\n          title\n        }\n        subGoals {\n          title\n          tasks {\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.GoalTemplatesDocument,
    "\n  mutation InstantiateGoalTemplate($input: InstantiateTemplateInput!) {\n    instantiateGoalTemplate(input: $input) {\n      ...GoalFields\n    }\n  }\n": typeof types.InstantiateGoalTemplateDocument,
    "\n  fragment MessageFields on Message {\n    id\n    conversationId\n    text\n    createdAt\n    clientMessageId\n    isStreaming\n    sender {\n      id\n      displayName\n    }\n    proposal {\n      ...CoachProposalFields\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  fragment CoachProposalFields on CoachProposal {\n    id\n    kind\n    status\n    title\n    area\n    dueDate\n    habit\n    day\n  }\n": typeof types.CoachProposalFieldsFragmentDoc,
    "\n  mutation ConfirmCoachProposal($input: ConfirmCoachProposalInput!) {\n    confirmCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n": typeof types.ConfirmCoachProposalDocument,
    "\n  mutation DeclineCoachProposal($input: DeclineCoachProposalInput!) {\n    declineCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n": typeof types.DeclineCoachProposalDocument,
    "\n  fragment ConversationFields on Conversation {\n    id\n    kind\n    title\n    unreadCount\n    members {\n      id\n      displayName\n    }\n    readReceipts {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n": typeof types.ConversationFieldsFragmentDoc,
    "\n  query Conversations {\n    me {\n      id\n      conversations(first: 20) {\n        nodes {\n          ...ConversationFields\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  query Messages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 30) {\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n": typeof types.MessagesDocument,
    "\n  mutation StartDirectConversation($input: StartDirectConversationInput!) {\n    startDirectConversation(input: $input) {\n      ...ConversationFields\n    }\n  }\n": typeof types.StartDirectConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation SetTyping($input: SetTypingInput!) {\n    setTyping(input: $input)\n  }\n": typeof types.SetTypingDocument,
    "\n  mutation MarkConversationRead($input: MarkConversationReadInput!) {\n    markConversationRead(input: $input) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkConversationReadDocument,
    "\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n": typeof types.MessageAddedDocument,
    "\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.TypingDocument,
    "\n  subscription ReadReceiptUpdated($conversationId: ID!) {\n    readReceiptUpdated(conversationId: $conversationId) {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n": typeof types.ReadReceiptUpdatedDocument,
    "\n  subscription ConversationUpdated {\n    conversationUpdated {\n      conversationId\n      reason\n    }\n  }\n": typeof types.ConversationUpdatedDocument,
    "\n  query Upcoming($from: DateTime!, $to: DateTime!) {\n    calendar(from: $from, to: $to) {\n      startsAt\n      endsAt\n      originalStart\n      moved\n      activity {\n        id\n        title\n        location\n      }\n    }\n  }\n": typeof types.UpcomingDocument,
    "\n  fragment FocusSessionFields on FocusSession {\n    id\n    status\n    plannedMinutes\n    startedAt\n    endedAt\n    minutes\n  }\n": typeof types.FocusSessionFieldsFragmentDoc,
    "\n  query CurrentFocusSession {\n    currentFocusSession {\n      ...FocusSessionFields\n    }\n  }\n": typeof types.CurrentFocusSessionDocument,
    "\n  mutation StartFocusSession($input: StartFocusInput!) {\n    startFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n": typeof types.StartFocusSessionDocument,
    "\n  mutation FinishFocusSession($input: FocusIdInput!) {\n    finishFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n": typeof types.FinishFocusSessionDocument,
    "\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      path\n    }\n  }\n": typeof types.RotateCalendarFeedDocument,
    "\n  query TrendingFeed($first: Int!, $after: String) {\n    trendingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TrendingFeedDocument,
    "\n  mutation SavePost($input: PostInput!) {\n    savePost(input: $input) {\n      id\n      viewerHasSaved\n    }\n  }\n": typeof types.SavePostDocument,
    "\n  mutation UnsavePost($input: PostInput!) {\n    unsavePost(input: $input) {\n      id\n    }\n  }\n": typeof types.UnsavePostDocument,
    "\n  mutation FollowUser($input: UserInput!) {\n    followUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n": typeof types.FollowUserDocument,
    "\n  mutation UnfollowUser($input: UserInput!) {\n    unfollowUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n": typeof types.UnfollowUserDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  query PostComments($postId: ID!) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 50) {\n        nodes {\n          ...CommentFields\n        }\n      }\n    }\n  }\n": typeof types.PostCommentsDocument,
    "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  query Insights {\n    me {\n      id\n      lifeBalance {\n        overall\n        areas {\n          area\n          score\n        }\n      }\n      stats {\n        goalsActive\n        goalsCompleted\n        longestStreak\n        focusMinutesThisWeek\n      }\n      achievements {\n        badge\n        title\n        description\n        unlockedAt\n      }\n      habits(first: 50) {\n        nodes {\n          id\n          title\n          today\n          recentCheckIns\n        }\n      }\n      goals(first: 50) {\n        nodes {\n          id\n          title\n          insights {\n            progress {\n              at\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.InsightsDocument,
    "\n  subscription MessageUpdated($conversationId: ID!) {\n    messageUpdated(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n": typeof types.MessageUpdatedDocument,
    "\n  mutation OpenCoachConversation {\n    openCoachConversation {\n      ...ConversationFields\n    }\n  }\n": typeof types.OpenCoachConversationDocument,
    "\n  fragment NotificationPreferencesFields on NotificationPreferences {\n    channels {\n      kind\n      channel\n      enabled\n    }\n    quietHours {\n      start\n      end\n    }\n  }\n": typeof types.NotificationPreferencesFieldsFragmentDoc,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      ...NotificationPreferencesFields\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      ...NotificationPreferencesFields\n    }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
};
const documents: Documents = {
    "\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      id\n      title\n      startsAt\n      endsAt\n      location\n      recurrence\n    }\n  }\n": types.CreateActivityDocument,
    "\n  fragment ViewerFields on User {\n    id\n    displayName\n    email\n    totpEnabled\n    avatar {\n      id\n      url(size: SMALL)\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    id\n    title\n    done\n    dueDate\n  }\n": types.TaskFieldsFragmentDoc,
    "\n  fragment GoalFields on Goal {\n    id\n    title\n    area\n    status\n    progress\n    dueDate\n    depth\n    tasks {\n      ...TaskFields\n    }\n    # Every ancestor (5 levels at most), whose progress rolls up from this goal's: each\n    # mutation that answers a goal with this fragment moves the whole tree's bars at once.\n    parent {\n      id\n      progress\n      status\n      parent {\n        id\n        progress\n        status\n        parent {\n          id\n          progress\n          status\n          parent {\n            id\n            progress\n            status\n          }\n        }\n      }\n    }\n  }\n": types.GoalFieldsFragmentDoc,
    "\n  fragment HabitFields on Habit {\n    id\n    title\n    currentStreak\n    longestStreak\n    streakUnit\n    checkedInToday\n  }\n": types.HabitFieldsFragmentDoc,
    "\n  fragment PostFields on Post {\n    id\n    text\n    category\n    createdAt\n    likeCount\n    commentCount\n    viewerHasLiked\n    viewerHasSaved\n    author {\n      id\n      displayName\n      viewerFollows\n    }\n    goal {\n      id\n      title\n    }\n    media {\n      id\n      url(size: MEDIUM)\n    }\n  }\n": types.PostFieldsFragmentDoc,
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...ViewerFields\n    }\n  }\n": types.AuthFieldsFragmentDoc,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.RefreshTokenDocument,
    "\n  mutation Logout($input: LogoutInput!) {\n    logout(input: $input)\n  }\n": types.LogoutDocument,
    "\n  mutation EnrollTotp {\n    enrollTotp {\n      secret\n      otpauthUri\n    }\n  }\n": types.EnrollTotpDocument,
    "\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n": types.ConfirmTotpDocument,
    "\n  mutation DisableTotp($input: DisableTotpInput!) {\n    disableTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n": types.DisableTotpDocument,
    "\n  query Home {\n    me {\n      ...ViewerFields\n      goals(first: 50) {\n        nodes {\n          ...GoalFields\n        }\n      }\n      habits(first: 50) {\n        nodes {\n          ...HabitFields\n        }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query FollowingFeed($first: Int!, $after: String) {\n    followingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FollowingFeedDocument,
    "\n  mutation CreateGoal($input: CreateGoalInput!) {\n    createGoal(input: $input) {\n      ...GoalFields\n    }\n  }\n": types.CreateGoalDocument,
    "\n  mutation AddTask($input: AddTaskInput!) {\n    addTask(input: $input) {\n      ...GoalFields\n    }\n  }\n": types.AddTaskDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...GoalFields\n    }\n  }\n": types.UpdateTaskDocument,
    "\n  mutation SetGoalStatus($input: SetGoalStatusInput!) {\n    setGoalStatus(input: $input) {\n      ...GoalFields\n    }\n  }\n": types.SetGoalStatusDocument,
    "\n  mutation CreateHabit($input: CreateHabitInput!) {\n    createHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n": types.CreateHabitDocument,
    "\n  mutation CheckInHabit($input: CheckInInput!) {\n    checkInHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n": types.CheckInHabitDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    title\n    body\n    count\n    read\n    updatedAt\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 10) {\n      nodes {\n        ...NotificationFields\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription GoalChanged {\n    goalChanged {\n      cursor\n      goalId\n      deleted\n      goal {\n        ...GoalFields\n      }\n    }\n  }\n": types.GoalChangedDocument,
    "\n  subscription HabitChanged {\n    habitChanged {\n      cursor\n      habitId\n      deleted\n      habit {\n        ...HabitFields\n      }\n    }\n  }\n": types.HabitChangedDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n    }\n  }\n": types.MarkNotificationsReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      unreadCount\n    }\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": types.CreatePostDocument,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      url\n      headers\n      expiresAt\n    }\n  }\n": types.CreateUploadDocument,
    "\n  mutation CompleteUpload($input: CompleteUploadInput!) {\n    completeUpload(input: $input) {\n      id\n      contentType\n      url(size: MEDIUM)\n    }\n  }\n": types.CompleteUploadDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation LikePost($input: PostInput!) {\n    likePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.LikePostDocument,
    "\n  mutation UnlikePost($input: PostInput!) {\n    unlikePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.UnlikePostDocument,
    "\n  query GoalTemplates {\n    goalTemplates {\n      id\n      area\n      builtIn\n      goal {\n        title\n        description\n        tasks {\n          title\n        }\n        subGoals {\n          title\n          tasks {\n            title\n          }\n        }\n      }\n    }\n  }\n": types.GoalTemplatesDocument,
    "\n  mutation InstantiateGoalTemplate($input: InstantiateTemplateInput!) {\n    instantiateGoalTemplate(input: $input) {\n      ...GoalFields\n    }\n  }\n": types.InstantiateGoalTemplateDocument,
    "\n  fragment MessageFields on Message {\n    id\n    conversationId\n    text\n    createdAt\n    clientMessageId\n    isStreaming\n    sender {\n      id\n      displayName\n    }\n    proposal {\n      ...CoachProposalFields\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  fragment CoachProposalFields on CoachProposal {\n    id\n    kind\n    status\n    title\n    area\n    dueDate\n    habit\n    day\n  }\n": types.CoachProposalFieldsFragmentDoc,
    "\n  mutation ConfirmCoachProposal($input: ConfirmCoachProposalInput!) {\n    confirmCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n": types.ConfirmCoachProposalDocument,
    "\n  mutation DeclineCoachProposal($input: DeclineCoachProposalInput!) {\n    declineCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n": types.DeclineCoachProposalDocument,
    "\n  fragment ConversationFields on Conversation {\n    id\n    kind\n    title\n    unreadCount\n    members {\n      id\n      displayName\n    }\n    readReceipts {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n": types.ConversationFieldsFragmentDoc,
    "\n  query Conversations {\n    me {\n      id\n      conversations(first: 20) {\n        nodes {\n          ...ConversationFields\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  query Messages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 30) {\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n": types.MessagesDocument,
    "\n  mutation StartDirectConversation($input: StartDirectConversationInput!) {\n    startDirectConversation(input: $input) {\n      ...ConversationFields\n    }\n  }\n": types.StartDirectConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation SetTyping($input: SetTypingInput!) {\n    setTyping(input: $input)\n  }\n": types.SetTypingDocument,
    "\n  mutation MarkConversationRead($input: MarkConversationReadInput!) {\n    markConversationRead(input: $input) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkConversationReadDocument,
    "\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n": types.MessageAddedDocument,
    "\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.TypingDocument,
    "\n  subscription ReadReceiptUpdated($conversationId: ID!) {\n    readReceiptUpdated(conversationId: $conversationId) {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n": types.ReadReceiptUpdatedDocument,
    "\n  subscription ConversationUpdated {\n    conversationUpdated {\n      conversationId\n      reason\n    }\n  }\n": types.ConversationUpdatedDocument,
    "\n  query Upcoming($from: DateTime!, $to: DateTime!) {\n    calendar(from: $from, to: $to) {\n      startsAt\n      endsAt\n      originalStart\n      moved\n      activity {\n        id\n        title\n        location\n      }\n    }\n  }\n": types.UpcomingDocument,
    "\n  fragment FocusSessionFields on FocusSession {\n    id\n    status\n    plannedMinutes\n    startedAt\n    endedAt\n    minutes\n  }\n": types.FocusSessionFieldsFragmentDoc,
    "\n  query CurrentFocusSession {\n    currentFocusSession {\n      ...FocusSessionFields\n    }\n  }\n": types.CurrentFocusSessionDocument,
    "\n  mutation StartFocusSession($input: StartFocusInput!) {\n    startFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n": types.StartFocusSessionDocument,
    "\n  mutation FinishFocusSession($input: FocusIdInput!) {\n    finishFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n": types.FinishFocusSessionDocument,
    "\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      path\n    }\n  }\n": types.RotateCalendarFeedDocument,
    "\n  query TrendingFeed($first: Int!, $after: String) {\n    trendingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TrendingFeedDocument,
    "\n  mutation SavePost($input: PostInput!) {\n    savePost(input: $input) {\n      id\n      viewerHasSaved\n    }\n  }\n": types.SavePostDocument,
    "\n  mutation UnsavePost($input: PostInput!) {\n    unsavePost(input: $input) {\n      id\n    }\n  }\n": types.UnsavePostDocument,
    "\n  mutation FollowUser($input: UserInput!) {\n    followUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n": types.FollowUserDocument,
    "\n  mutation UnfollowUser($input: UserInput!) {\n    unfollowUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n": types.UnfollowUserDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  query PostComments($postId: ID!) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 50) {\n        nodes {\n          ...CommentFields\n        }\n      }\n    }\n  }\n": types.PostCommentsDocument,
    "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n": types.AddCommentDocument,
    "\n  query Insights {\n    me {\n      id\n      lifeBalance {\n        overall\n        areas {\n          area\n          score\n        }\n      }\n      stats {\n        goalsActive\n        goalsCompleted\n        longestStreak\n        focusMinutesThisWeek\n      }\n      achievements {\n        badge\n        title\n        description\n        unlockedAt\n      }\n      habits(first: 50) {\n        nodes {\n          id\n          title\n          today\n          recentCheckIns\n        }\n      }\n      goals(first: 50) {\n        nodes {\n          id\n          title\n          insights {\n            progress {\n              at\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n": types.InsightsDocument,
    "\n  subscription MessageUpdated($conversationId: ID!) {\n    messageUpdated(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n": types.MessageUpdatedDocument,
    "\n  mutation OpenCoachConversation {\n    openCoachConversation {\n      ...ConversationFields\n    }\n  }\n": types.OpenCoachConversationDocument,
    "\n  fragment NotificationPreferencesFields on NotificationPreferences {\n    channels {\n      kind\n      channel\n      enabled\n    }\n    quietHours {\n      start\n      end\n    }\n  }\n": types.NotificationPreferencesFieldsFragmentDoc,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      ...NotificationPreferencesFields\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      ...NotificationPreferencesFields\n    }\n  }\n": types.UpdateNotificationPreferencesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      id\n      title\n      startsAt\n      endsAt\n      location\n      recurrence\n    }\n  }\n"): (typeof documents)["\n  mutation CreateActivity($input: CreateActivityInput!) {\n    createActivity(input: $input) {\n      id\n      title\n      startsAt\n      endsAt\n      location\n      recurrence\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on User {\n    id\n    displayName\n    email\n    totpEnabled\n    avatar {\n      id\n      url(size: SMALL)\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on User {\n    id\n    displayName\n    email\n    totpEnabled\n    avatar {\n      id\n      url(size: SMALL)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskFields on Task {\n    id\n    title\n    done\n    dueDate\n  }\n"): (typeof documents)["\n  fragment TaskFields on Task {\n    id\n    title\n    done\n    dueDate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GoalFields on Goal {\n    id\n    title\n    area\n    status\n    progress\n    dueDate\n    depth\n    tasks {\n      ...TaskFields\n    }\n    # Every ancestor (5 levels at most), whose progress rolls up from this goal's: each\n    # mutation that answers a goal with this fragment moves the whole tree's bars at once.\n    parent {\n      id\n      progress\n      status\n      parent {\n        id\n        progress\n        status\n        parent {\n          id\n          progress\n          status\n          parent {\n            id\n            progress\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment GoalFields on Goal {\n    id\n    title\n    area\n    status\n    progress\n    dueDate\n    depth\n    tasks {\n      ...TaskFields\n    }\n    # Every ancestor (5 levels at most), whose progress rolls up from this goal's: each\n    # mutation that answers a goal with this fragment moves the whole tree's bars at once.\n    parent {\n      id\n      progress\n      status\n      parent {\n        id\n        progress\n        status\n        parent {\n          id\n          progress\n          status\n          parent {\n            id\n            progress\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HabitFields on Habit {\n    id\n    title\n    currentStreak\n    longestStreak\n    streakUnit\n    checkedInToday\n  }\n"): (typeof documents)["\n  fragment HabitFields on Habit {\n    id\n    title\n    currentStreak\n    longestStreak\n    streakUnit\n    checkedInToday\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostFields on Post {\n    id\n    text\n    category\n    createdAt\n    likeCount\n    commentCount\n    viewerHasLiked\n    viewerHasSaved\n    author {\n      id\n      displayName\n      viewerFollows\n    }\n    goal {\n      id\n      title\n    }\n    media {\n      id\n      url(size: MEDIUM)\n    }\n  }\n"): (typeof documents)["\n  fragment PostFields on Post {\n    id\n    text\n    category\n    createdAt\n    likeCount\n    commentCount\n    viewerHasLiked\n    viewerHasSaved\n    author {\n      id\n      displayName\n      viewerFollows\n    }\n    goal {\n      id\n      title\n    }\n    media {\n      id\n      url(size: MEDIUM)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($input: LogoutInput!) {\n    logout(input: $input)\n  }\n"): (typeof documents)["\n  mutation Logout($input: LogoutInput!) {\n    logout(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrollTotp {\n    enrollTotp {\n      secret\n      otpauthUri\n    }\n  }\n"): (typeof documents)["\n  mutation EnrollTotp {\n    enrollTotp {\n      secret\n      otpauthUri\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($input: DisableTotpInput!) {\n    disableTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  mutation DisableTotp($input: DisableTotpInput!) {\n    disableTotp(input: $input) {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home {\n    me {\n      ...ViewerFields\n      goals(first: 50) {\n        nodes {\n          ...GoalFields\n        }\n      }\n      habits(first: 50) {\n        nodes {\n          ...HabitFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home {\n    me {\n      ...ViewerFields\n      goals(first: 50) {\n        nodes {\n          ...GoalFields\n        }\n      }\n      habits(first: 50) {\n        nodes {\n          ...HabitFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowingFeed($first: Int!, $after: String) {\n    followingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query FollowingFeed($first: Int!, $after: String) {\n    followingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGoal($input: CreateGoalInput!) {\n    createGoal(input: $input) {\n      ...GoalFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGoal($input: CreateGoalInput!) {\n    createGoal(input: $input) {\n      ...GoalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTask($input: AddTaskInput!) {\n    addTask(input: $input) {\n      ...GoalFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddTask($input: AddTaskInput!) {\n    addTask(input: $input) {\n      ...GoalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...GoalFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...GoalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetGoalStatus($input: SetGoalStatusInput!) {\n    setGoalStatus(input: $input) {\n      ...GoalFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetGoalStatus($input: SetGoalStatusInput!) {\n    setGoalStatus(input: $input) {\n      ...GoalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateHabit($input: CreateHabitInput!) {\n    createHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateHabit($input: CreateHabitInput!) {\n    createHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckInHabit($input: CheckInInput!) {\n    checkInHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n"): (typeof documents)["\n  mutation CheckInHabit($input: CheckInInput!) {\n    checkInHabit(input: $input) {\n      ...HabitFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    title\n    body\n    count\n    read\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    kind\n    title\n    body\n    count\n    read\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 10) {\n      nodes {\n        ...NotificationFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 10) {\n      nodes {\n        ...NotificationFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GoalChanged {\n    goalChanged {\n      cursor\n      goalId\n      deleted\n      goal {\n        ...GoalFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription GoalChanged {\n    goalChanged {\n      cursor\n      goalId\n      deleted\n      goal {\n        ...GoalFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HabitChanged {\n    habitChanged {\n      cursor\n      habitId\n      deleted\n      habit {\n        ...HabitFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription HabitChanged {\n    habitChanged {\n      cursor\n      habitId\n      deleted\n      habit {\n        ...HabitFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      url\n      headers\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadId\n      url\n      headers\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteUpload($input: CompleteUploadInput!) {\n    completeUpload(input: $input) {\n      id\n      contentType\n      url(size: MEDIUM)\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteUpload($input: CompleteUploadInput!) {\n    completeUpload(input: $input) {\n      id\n      contentType\n      url(size: MEDIUM)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikePost($input: PostInput!) {\n    likePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"): (typeof documents)["\n  mutation LikePost($input: PostInput!) {\n    likePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikePost($input: PostInput!) {\n    unlikePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"): (typeof documents)["\n  mutation UnlikePost($input: PostInput!) {\n    unlikePost(input: $input) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GoalTemplates {\n    goalTemplates {\n      id\n      area\n      builtIn\n      goal {\n        title\n        description\n        tasks {\n          title\n        }\n        subGoals {\n          title\n          tasks {\n            title\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GoalTemplates {\n    goalTemplates {\n      id\n      area\n      builtIn\n      goal {\n        title\n        description\n        tasks {\n          title\n        }\n        subGoals {\n          title\n          tasks {\n            title\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstantiateGoalTemplate($input: InstantiateTemplateInput!) {\n    instantiateGoalTemplate(input: $input) {\n      ...GoalFields\n    }\n  }\n"): (typeof documents)["\n  mutation InstantiateGoalTemplate($input: InstantiateTemplateInput!) {\n    instantiateGoalTemplate(input: $input) {\n      ...GoalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    conversationId\n    text\n    createdAt\n    clientMessageId\n    isStreaming\n    sender {\n      id\n      displayName\n    }\n    proposal {\n      ...CoachProposalFields\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    conversationId\n    text\n    createdAt\n    clientMessageId\n    isStreaming\n    sender {\n      id\n      displayName\n    }\n    proposal {\n      ...CoachProposalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CoachProposalFields on CoachProposal {\n    id\n    kind\n    status\n    title\n    area\n    dueDate\n    habit\n    day\n  }\n"): (typeof documents)["\n  fragment CoachProposalFields on CoachProposal {\n    id\n    kind\n    status\n    title\n    area\n    dueDate\n    habit\n    day\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmCoachProposal($input: ConfirmCoachProposalInput!) {\n    confirmCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmCoachProposal($input: ConfirmCoachProposalInput!) {\n    confirmCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineCoachProposal($input: DeclineCoachProposalInput!) {\n    declineCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineCoachProposal($input: DeclineCoachProposalInput!) {\n    declineCoachProposal(input: $input) {\n      ...CoachProposalFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationFields on Conversation {\n    id\n    kind\n    title\n    unreadCount\n    members {\n      id\n      displayName\n    }\n    readReceipts {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationFields on Conversation {\n    id\n    kind\n    title\n    unreadCount\n    members {\n      id\n      displayName\n    }\n    readReceipts {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations {\n    me {\n      id\n      conversations(first: 20) {\n        nodes {\n          ...ConversationFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations {\n    me {\n      id\n      conversations(first: 20) {\n        nodes {\n          ...ConversationFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Messages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 30) {\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Messages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 30) {\n      nodes {\n        ...MessageFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartDirectConversation($input: StartDirectConversationInput!) {\n    startDirectConversation(input: $input) {\n      ...ConversationFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartDirectConversation($input: StartDirectConversationInput!) {\n    startDirectConversation(input: $input) {\n      ...ConversationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTyping($input: SetTypingInput!) {\n    setTyping(input: $input)\n  }\n"): (typeof documents)["\n  mutation SetTyping($input: SetTypingInput!) {\n    setTyping(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkConversationRead($input: MarkConversationReadInput!) {\n    markConversationRead(input: $input) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkConversationRead($input: MarkConversationReadInput!) {\n    markConversationRead(input: $input) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReadReceiptUpdated($conversationId: ID!) {\n    readReceiptUpdated(conversationId: $conversationId) {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n"): (typeof documents)["\n  subscription ReadReceiptUpdated($conversationId: ID!) {\n    readReceiptUpdated(conversationId: $conversationId) {\n      user {\n        id\n      }\n      lastReadMessageId\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationUpdated {\n    conversationUpdated {\n      conversationId\n      reason\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationUpdated {\n    conversationUpdated {\n      conversationId\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Upcoming($from: DateTime!, $to: DateTime!) {\n    calendar(from: $from, to: $to) {\n      startsAt\n      endsAt\n      originalStart\n      moved\n      activity {\n        id\n        title\n        location\n      }\n    }\n  }\n"): (typeof documents)["\n  query Upcoming($from: DateTime!, $to: DateTime!) {\n    calendar(from: $from, to: $to) {\n      startsAt\n      endsAt\n      originalStart\n      moved\n      activity {\n        id\n        title\n        location\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FocusSessionFields on FocusSession {\n    id\n    status\n    plannedMinutes\n    startedAt\n    endedAt\n    minutes\n  }\n"): (typeof documents)["\n  fragment FocusSessionFields on FocusSession {\n    id\n    status\n    plannedMinutes\n    startedAt\n    endedAt\n    minutes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentFocusSession {\n    currentFocusSession {\n      ...FocusSessionFields\n    }\n  }\n"): (typeof documents)["\n  query CurrentFocusSession {\n    currentFocusSession {\n      ...FocusSessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartFocusSession($input: StartFocusInput!) {\n    startFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartFocusSession($input: StartFocusInput!) {\n    startFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishFocusSession($input: FocusIdInput!) {\n    finishFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation FinishFocusSession($input: FocusIdInput!) {\n    finishFocusSession(input: $input) {\n      ...FocusSessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      path\n    }\n  }\n"): (typeof documents)["\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      path\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrendingFeed($first: Int!, $after: String) {\n    trendingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrendingFeed($first: Int!, $after: String) {\n    trendingFeed(first: $first, after: $after) {\n      nodes {\n        ...PostFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SavePost($input: PostInput!) {\n    savePost(input: $input) {\n      id\n      viewerHasSaved\n    }\n  }\n"): (typeof documents)["\n  mutation SavePost($input: PostInput!) {\n    savePost(input: $input) {\n      id\n      viewerHasSaved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnsavePost($input: PostInput!) {\n    unsavePost(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UnsavePost($input: PostInput!) {\n    unsavePost(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowUser($input: UserInput!) {\n    followUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n"): (typeof documents)["\n  mutation FollowUser($input: UserInput!) {\n    followUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowUser($input: UserInput!) {\n    unfollowUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n"): (typeof documents)["\n  mutation UnfollowUser($input: UserInput!) {\n    unfollowUser(input: $input) {\n      id\n      viewerFollows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostComments($postId: ID!) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 50) {\n        nodes {\n          ...CommentFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PostComments($postId: ID!) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 50) {\n        nodes {\n          ...CommentFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Insights {\n    me {\n      id\n      lifeBalance {\n        overall\n        areas {\n          area\n          score\n        }\n      }\n      stats {\n        goalsActive\n        goalsCompleted\n        longestStreak\n        focusMinutesThisWeek\n      }\n      achievements {\n        badge\n        title\n        description\n        unlockedAt\n      }\n      habits(first: 50) {\n        nodes {\n          id\n          title\n          today\n          recentCheckIns\n        }\n      }\n      goals(first: 50) {\n        nodes {\n          id\n          title\n          insights {\n            progress {\n              at\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Insights {\n    me {\n      id\n      lifeBalance {\n        overall\n        areas {\n          area\n          score\n        }\n      }\n      stats {\n        goalsActive\n        goalsCompleted\n        longestStreak\n        focusMinutesThisWeek\n      }\n      achievements {\n        badge\n        title\n        description\n        unlockedAt\n      }\n      habits(first: 50) {\n        nodes {\n          id\n          title\n          today\n          recentCheckIns\n        }\n      }\n      goals(first: 50) {\n        nodes {\n          id\n          title\n          insights {\n            progress {\n              at\n              value\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageUpdated($conversationId: ID!) {\n    messageUpdated(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  subscription MessageUpdated($conversationId: ID!) {\n    messageUpdated(conversationId: $conversationId) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenCoachConversation {\n    openCoachConversation {\n      ...ConversationFields\n    }\n  }\n"): (typeof documents)["\n  mutation OpenCoachConversation {\n    openCoachConversation {\n      ...ConversationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationPreferencesFields on NotificationPreferences {\n    channels {\n      kind\n      channel\n      enabled\n    }\n    quietHours {\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationPreferencesFields on NotificationPreferences {\n    channels {\n      kind\n      channel\n      enabled\n    }\n    quietHours {\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences {\n      ...NotificationPreferencesFields\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences {\n      ...NotificationPreferencesFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      ...NotificationPreferencesFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      ...NotificationPreferencesFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;