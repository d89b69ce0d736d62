import { graphql } from '../../gql/index.js';
import type { DiscussionPanelThreadQuery } from '../../gql/graphql.js';

export const DISCUSSION_QUERY = graphql(`
  query DiscussionPanel_Thread($id: ID!) {
    problem(id: $id) {
      id
      comments {
        ...CommentItem_Comment
      }
      mentionCandidates {
        id
        username
        displayName
      }
    }
  }
`);

export const COMMENT_FRAGMENT = graphql(`
  fragment CommentItem_Comment on ProblemComment {
    id
    body
    deleted
    createdAt
    editedAt
    deletedAt
    version
    canEdit
    canDelete
    editableUntil
    author {
      id
      username
      displayName
    }
    deletedBy {
      id
      displayName
    }
    mentions {
      id
      displayName
    }
  }
`);

export const ADD_COMMENT_MUTATION = graphql(`
  mutation DiscussionPanel_Add($input: AddCommentInput!) {
    addComment(input: $input) {
      ...CommentItem_Comment
    }
  }
`);

export const EDIT_COMMENT_MUTATION = graphql(`
  mutation CommentItem_Edit($input: EditCommentInput!) {
    editComment(input: $input) {
      ...CommentItem_Comment
    }
  }
`);

export const DELETE_COMMENT_MUTATION = graphql(`
  mutation CommentItem_Delete($input: DeleteCommentInput!) {
    deleteComment(input: $input) {
      ...CommentItem_Comment
    }
  }
`);

export const FOLLOW_QUERY = graphql(`
  query FollowToggle_Problem($id: ID!) {
    problem(id: $id) {
      id
      followedByMe
      followers
    }
  }
`);

export const FOLLOW_MUTATION = graphql(`
  mutation FollowToggle_Follow($input: FollowProblemInput!) {
    followProblem(input: $input) {
      id
      followedByMe
      followers
    }
  }
`);

export const UNFOLLOW_MUTATION = graphql(`
  mutation FollowToggle_Unfollow($input: FollowProblemInput!) {
    unfollowProblem(input: $input) {
      id
      followedByMe
      followers
    }
  }
`);

/** Who may be @mentioned on the problem. */
export type MentionCandidate = NonNullable<DiscussionPanelThreadQuery['problem']>['mentionCandidates'][number];
