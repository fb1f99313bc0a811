package mx.permiso.documents;

import java.util.Arrays;
import java.util.Optional;

/** The file types a case accepts, recognised by their first bytes, never by name or by what the sender claims. */
public enum DocumentType {
  PDF("application/pdf", "pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
  JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

  private final String contentType;
  private final String extension;
  private final byte[] signature;

  DocumentType(String contentType, String extension, byte[] signature) {
    this.contentType = contentType;
    this.extension = extension;
    this.signature = signature;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /** The type the content really is, if it is one we accept. */
  public static Optional<DocumentType> detect(byte[] content) {
    return Arrays.stream(values())
        .filter(type -> content.length >= type.signature.length
            && Arrays.equals(content, 0, type.signature.length, type.signature, 0, type.signature.length))
        .findFirst();
  }

  /** The type stored under this content type, if any. */
  public static Optional<DocumentType> fromContentType(String contentType) {
    return Arrays.stream(values()).filter(type -> type.contentType.equals(contentType)).findFirst();
  }
}
