package mx.permiso.support;

import java.nio.charset.StandardCharsets;

/** Small real files for upload tests. */
public final class SampleFiles {

  private SampleFiles() {
  }

  /** A minimal, valid one-page PDF. */
  public static byte[] pdf(String text) {
    String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
    String pdf = "%PDF-1.4\n"
        + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        + "/Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
        + "4 0 obj << /Length " + content.length() + " >> stream\n" + content + "\nendstream endobj\n"
        + "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
        + "trailer << /Root 1 0 R >>\n%%EOF\n";
    return pdf.getBytes(StandardCharsets.ISO_8859_1);
  }
}
