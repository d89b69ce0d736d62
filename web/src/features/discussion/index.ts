// What other features may use of the discussion feature: a problem's thread (with its follow toggle).
export { DiscussionPanel } from './discussion-panel.js';
export { FollowToggle } from './follow-toggle.js';
