import MarkdownIt from "markdown-it";

/**
 * Minutes are Markdown written by coordinators and shown to everyone, so the renderer allows no
 * raw HTML (it is shown as text), keeps markdown-it's link check (no javascript:, vbscript:,
 * file: or data: links), and marks every link rel="noopener nofollow" so the minutes pass no
 * ranking and no window handle to where they point.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultValidateLink = md.validateLink.bind(md);
md.validateLink = (url: string) => {
  // Only web and mail links; markdown-it's own check already refuses script-bearing schemes.
  const trimmed = url.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:/.test(trimmed) && !/^(https?|mailto):/.test(trimmed)) return false;
  return defaultValidateLink(url);
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx].attrSet("rel", "noopener nofollow");
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
