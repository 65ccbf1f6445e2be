/**
 * Running page header of a printed document: text in the top-left and top-right page margin boxes of every page
 * (Chromium's @page margin boxes; page numbers are already in the bottom margin, print.css). Rendered only by print
 * views; the texts are escaped for a CSS string.
 */
const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r]+/g, ' ')}"`;

export function PageMargins({ left, right }: { left: string; right: string }) {
  const css = `@page {
  @top-left { content: ${cssString(left)}; font-size: 8.5pt; color: #555; }
  @top-right { content: ${cssString(right)}; font-size: 8.5pt; color: #555; }
}`;
  return <style>{css}</style>;
}
