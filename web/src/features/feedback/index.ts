/** feedback: recording a customer voice, and opening one to correct or void it. */
export { FeedbackDetailModal } from './feedback-detail-modal.js';
