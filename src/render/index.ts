/**
 * Renderers: pure functions from a plan to a string, for a terminal, a pull-request comment and
 * machines. They never write anywhere; the CLI picks one and the destination.
 */
export { renderText, type RenderTextOptions } from './render-text';
export { renderMarkdown, GITHUB_COMMENT_LIMIT, type RenderMarkdownOptions } from './render-markdown';
export { renderJson } from './render-json';
export { escapeMarkdown, escapeHtml } from './escape-markdown';
