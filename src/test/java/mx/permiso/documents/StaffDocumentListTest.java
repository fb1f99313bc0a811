package mx.permiso.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import mx.permiso.support.AppMessages;
import mx.permiso.support.SampleFiles;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/** The uploaded documents as staff see them in the verification task (on H2 with the migrations). */
class StaffDocumentListTest {

  private DocumentStore store;
  private StaffDocumentList list;

  @BeforeEach
  void database() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    store = new DocumentStore(new JdbcTemplate(dataSource), Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"),
        ZoneOffset.UTC), DataSize.ofMegabytes(1));
    list = new StaffDocumentList(store, new StaffDocumentNames(AppMessages.source()));
  }

  @Test
  void clientFilesAreLinkedUnderTheirDocumentsStaffNameAndStaffPaperworkIsLeftOut() {
    store.store("EXR-2026-0001", "FLIGHT_ITINERARY", "vuelo_ida*vuelta.pdf", SampleFiles.pdf("x"), "client");
    store.store("EXR-2026-0001", "PHOTO_CHILD_SIZE", "foto.png", SampleFiles.png(), "client");
    store.store("EXR-2026-0001", "FLIGHT_ITINERARY", "regreso.pdf", SampleFiles.pdf("y"), "client");
    store.store("EXR-2026-0001", "INM_PAPERWORK", "solicitud.pdf", SampleFiles.pdf("z"), "lucia");
    store.store("EXR-2026-0002", "FLIGHT_ITINERARY", "other-case.pdf", SampleFiles.pdf("o"), "client");

    String markdown = list.markdown("EXR-2026-0001");

    assertThat(markdown).startsWith("**Flight itinerary**\n- [vuelo\\_ida-vuelta.pdf](/api/cases/EXR-2026-0001/documents/")
        .contains("PDF, 1 KB", "\n- [regreso.pdf](/api/cases/EXR-2026-0001/documents/",
            "**Photo, child size**\n- [foto.png]", "PNG, 1 KB")
        .doesNotContain("solicitud", "other-case");
    assertThat(list.markdown("EXR-2026-0003")).isEqualTo("_The client has uploaded no documents._");
  }

  @Test
  void aLongListStaysWithinWhatAVariableHoldsAndCountsTheRest() {
    for (int i = 0; i < 60; i++) {
      store.store("EXR-2026-0001", "FLIGHT_ITINERARY", "a-rather-long-file-name-for-an-itinerary-scan-" + i + ".pdf",
          SampleFiles.pdf("x"), "client");
    }

    String markdown = list.markdown("EXR-2026-0001");

    assertThat(markdown.length()).isLessThan(4_000);
    assertThat(markdown).contains("itinerary-scan-0.pdf").doesNotContain("itinerary-scan-59.pdf")
        .matches("(?s).*_\\d+ more not listed here: too many to show\\._$");
  }
}
