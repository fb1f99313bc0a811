package mx.permiso.mail;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML version of every email: the text version's paragraphs and lists in a plain, narrow
 * page, every word the client or staff wrote escaped. Written out here rather than by the
 * template engine, as every step that writes to a client renders it (docs/benchmarks.md).
 */
final class HtmlLayout {

  private HtmlLayout() {
  }

  static String render(String language, String subject, List<MailComposer.Block> blocks, String footer) {
    StringBuilder html = new StringBuilder(2048)
        .append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\">\n<head>\n")
        .append("  <meta charset=\"UTF-8\">\n")
        .append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("  <title>").append(escape(subject)).append("</title>\n</head>\n")
        .append("<body style=\"margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222;\">\n")
        .append("  <div style=\"max-width:600px;margin:0 auto;background:#fff;padding:24px;\">\n");
    for (MailComposer.Block block : blocks) {
      if (block.list()) {
        html.append("    <ul style=\"padding-left:20px;line-height:1.5;\">\n");
        block.lines().forEach(line -> html.append("      <li>").append(escape(line)).append("</li>\n"));
        html.append("    </ul>\n");
      } else {
        html.append("    <p style=\"line-height:1.5;margin:0 0 14px;\">");
        lines(html, block.lines());
        html.append("</p>\n");
      }
    }
    html.append("    <hr style=\"border:none;border-top:1px solid #ddd;margin:24px 0 12px;\">\n")
        .append("    <p style=\"font-size:12px;color:#666;line-height:1.4;\">");
    lines(html, List.of(footer.split("\n")));
    return html.append("</p>\n  </div>\n</body>\n</html>\n").toString();
  }

  /** Lines of one paragraph, broken where the text breaks. */
  private static void lines(StringBuilder html, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      html.append("<span>").append(escape(lines.get(i))).append("</span>");
      if (i < lines.size() - 1) {
        html.append("<br>");
      }
    }
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
