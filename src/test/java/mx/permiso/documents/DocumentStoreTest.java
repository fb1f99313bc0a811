package mx.permiso.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import mx.permiso.support.SampleFiles;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/** The document store on a real (H2) database with the application's migrations. */
class DocumentStoreTest {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

  private JdbcTemplate jdbc;
  private DocumentStore store;

  @BeforeEach
  void database() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    store = new DocumentStore(jdbc, Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"), ZoneOffset.UTC),
        DataSize.ofKilobytes(64));
  }

  @Test
  void acceptsPdfJpegAndPngByTheirContent() {
    assertThat(store.store("EXR-2026-0001", "INM_PAPERWORK", "a.pdf", SampleFiles.pdf("x"), "lucia").contentType())
        .isEqualTo("application/pdf");
    assertThat(store.store("EXR-2026-0001", "PHOTO", "photo.bin", JPEG, "client").fileName()).isEqualTo("photo.jpg");
    assertThat(store.store("EXR-2026-0001", "PHOTO", "scan", PNG, "client").contentType()).isEqualTo("image/png");
    assertThat(store.ofKind("EXR-2026-0001", "PHOTO")).extracting(DocumentStore.StoredDocument::fileName)
        .containsExactly("photo.jpg", "scan.png");
  }

  @Test
  void namesAreReducedToSafeCharactersAndTheRealExtension() {
    assertThat(store.store("EXR-2026-0001", "INM_PAPERWORK", "../../Mi Solicitud (firmada).PDF", SampleFiles.pdf("x"),
        "lucia").fileName()).isEqualTo("mi-solicitud-firmada.pdf");
    assertThat(DocumentStore.safeName("C:\\Users\\Ana\\pasaporte.jpeg", DocumentType.JPEG)).isEqualTo("pasaporte.jpg");
    assertThat(DocumentStore.safeName("<script>.png", DocumentType.PNG)).isEqualTo("script.png");
    assertThat(DocumentStore.safeName("", DocumentType.PDF)).isEqualTo("document.pdf");
    assertThat(DocumentStore.safeName("trámite ñandú.pdf", DocumentType.PDF)).isEqualTo("tramite-nandu.pdf");
  }

  @Test
  void refusesWhatIsNotAnAcceptedTypeWhateverItsNameAndStoresNothing() {
    byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
    byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.store("EXR-2026-0001", "PHOTO", "photo.pdf", executable, "client"))
        .isInstanceOf(RejectedDocumentException.class).hasFieldOrPropertyWithValue("code", "document.error.type");
    assertThatThrownBy(() -> store.store("EXR-2026-0001", "PHOTO", "page.png", html, "client"))
        .isInstanceOf(RejectedDocumentException.class);
    assertThatThrownBy(() -> store.store("EXR-2026-0001", "PHOTO", "empty.pdf", new byte[0], "client"))
        .hasFieldOrPropertyWithValue("code", "document.error.empty");
    assertThatThrownBy(() -> store.store("EXR-2026-0001", "PHOTO", "big.pdf", bigPdf(), "client"))
        .isInstanceOf(RejectedDocumentException.class).hasFieldOrPropertyWithValue("code", "document.error.tooLarge");
    assertThat(store.maxSize()).isEqualTo("64 KB");
    assertThat(jdbc.queryForObject("select count(*) from case_document", Integer.class)).isZero();
  }

  private static byte[] bigPdf() {
    byte[] pdf = new byte[65 * 1024 + 1];
    System.arraycopy("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 8);
    return pdf;
  }
}
