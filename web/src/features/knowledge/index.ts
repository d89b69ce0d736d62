/** knowledge: the knowledge base's page, and its suggestions beside the feedback form. */
export { ArticleSuggestions } from './article-suggestions.js';
