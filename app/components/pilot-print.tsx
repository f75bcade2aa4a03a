import "../styles/pilot-print.css";
import { useI18n } from "../utils/use-i18n";

/** A text as a CSS string: quotes and backslashes escaped, and "<" written as an escape so no text can close the style element. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/</g, "\\3c ").replace(/\n/g, " ")}"`;
}

/**
 * The printed document's running header and page numbers ("sida 3 av 11"), in the page's language:
 * CSS page-margin boxes, which take their text from the stylesheet, so the few rules that carry
 * text are written here rather than in `pilot-print.css`. The cover page has neither.
 */
export function PrintPageStyle({ header }: { header: string }) {
  const { t } = useI18n();
  // The template's text around {page} and {pages} becomes CSS strings, the two counters CSS counters.
  const pageNumber = t("pilot.report.pageNumber", { page: "\u0000page\u0000", pages: "\u0000pages\u0000" })
    .split("\u0000")
    .map((piece, i) => (i % 2 === 1 ? `counter(${piece})` : piece === "" ? "" : cssString(piece)))
    .filter(Boolean)
    .join(" ");
  const css = `@media print {
  @page { @top-left { content: ${cssString(header)}; } @bottom-center { content: ${pageNumber}; } }
  @page :first { @top-left { content: none; } @bottom-center { content: none; } }
}`;
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

/** The cover of a printed report: only on paper (the page itself has its heading and controls). */
export function PrintCover({ title, subtitle, facts }: { title: string; subtitle: string; facts: { label: string; value: string }[] }) {
  const { t } = useI18n();
  return (
    <section className="print-cover" aria-hidden="true">
      <p className="print-cover-sender">{t("pilot.report.municipality")}</p>
      <p className="print-cover-title">{title}</p>
      <p className="print-cover-subtitle">{subtitle}</p>
      <dl className="print-cover-facts">
        {facts.map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
