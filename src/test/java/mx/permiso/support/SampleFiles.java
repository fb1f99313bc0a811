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

  /** A valid PDF padded (with a comment after its end) to exactly {@code size} bytes. */
  public static byte[] pdf(String text, int size) {
    byte[] pdf = pdf(text);
    if (size < pdf.length + 2) {
      throw new IllegalArgumentException("A PDF needs at least " + (pdf.length + 2) + " bytes");
    }
    byte[] padded = new byte[size];
    System.arraycopy(pdf, 0, padded, 0, pdf.length);
    padded[pdf.length] = '%';
    java.util.Arrays.fill(padded, pdf.length + 1, size - 1, (byte) 'x');
    padded[size - 1] = '\n';
    return padded;
  }

  /** A real 2 x 2 pixel PNG image. */
  public static byte[] png() {
    try {
      java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(2, 2,
          java.awt.image.BufferedImage.TYPE_INT_RGB);
      image.setRGB(0, 0, 0xFFFFFF);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
