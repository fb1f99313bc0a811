package mx.permiso.documents;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_CONFIRM_PERMIT_RETURNED;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_PREPARE_INM_PAPERWORK;
import static mx.permiso.cases.ExitReentryPermitProcess.Elements.USER_TASK_RECORD_PERMIT_RETURNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import mx.permiso.support.MovableClock;
import mx.permiso.support.SampleFiles;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/**
 * The evidence a hand-back needs (INM's receipt or its reference) and the paperwork a corrected round
 * needs (attached after INM asked for corrections), on a real (H2) database with the application's migrations.
 */
class HandBackAndPaperworkConditionsTest {

  private static final String CASE = "EXR-2026-0001";
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-12T18:00:00Z"));
  private DocumentStore store;
  private HandBackEvidence handBack;
  private PaperworkBeforeSending paperwork;

  @BeforeEach
  void database() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    store = new DocumentStore(new JdbcTemplate(dataSource), clock, DataSize.ofKilobytes(64));
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    handBack = new HandBackEvidence(store, messages);
    paperwork = new PaperworkBeforeSending(store, messages);
  }

  @Test
  void staffRecordingTheHandBackNeedTheReceiptsReferenceOrTheReceipt() {
    assertThat(handBack.unmet(USER_TASK_RECORD_PERMIT_RETURNED, CASE, Map.of("permitReturnedDate", "2026-12-14")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("inmReceiptReference", "/cases/" + CASE));
    assertThat(handBack.unmet(USER_TASK_RECORD_PERMIT_RETURNED, CASE, Map.of("inmReceiptReference", "  "))).isPresent();
    assertThat(handBack.unmet(USER_TASK_RECORD_PERMIT_RETURNED, CASE, Map.of("inmReceiptReference", "INM-QRO-5512")))
        .isEmpty();

    store.store(CASE, StaffDocuments.INM_RECEIPT, "acuse.pdf", SampleFiles.pdf("Acuse"), "lucia");
    assertThat(handBack.unmet(USER_TASK_RECORD_PERMIT_RETURNED, CASE, Map.of("permitReturnedDate", "2026-12-14")))
        .isEmpty();
  }

  @Test
  void staffConfirmingTheClientsWordNeedTheEvidenceOnlyWhenINMHasThePermit() {
    assertThat(handBack.unmet(USER_TASK_CONFIRM_PERMIT_RETURNED, CASE, Map.of()))
        .hasValueSatisfying(reason -> assertThat(reason).contains("permitReturnConfirmed"));
    assertThat(handBack.unmet(USER_TASK_CONFIRM_PERMIT_RETURNED, CASE, Map.of("permitReturnConfirmed", "true")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("inmReceiptReference"));
    assertThat(handBack.unmet(USER_TASK_CONFIRM_PERMIT_RETURNED, CASE, Map.of("permitReturnConfirmed", true,
        "inmReceiptReference", "INM-QRO-5512"))).isEmpty();
    assertThat(handBack.unmet(USER_TASK_CONFIRM_PERMIT_RETURNED, CASE, Map.of("permitReturnConfirmed", "false")))
        .as("not handed back: nothing to prove").isEmpty();
  }

  @Test
  void aCorrectedRoundNeedsPaperworkAttachedAfterINMAskedForCorrections() {
    store.store(CASE, PaperworkBeforeSending.INM_PAPERWORK, "solicitud.pdf", SampleFiles.pdf("Old"), "lucia");
    assertThat(paperwork.unmet(USER_TASK_PREPARE_INM_PAPERWORK, CASE, Map.of())).as("first round").isEmpty();

    clock.move(Duration.ofDays(1));
    Map<String, Object> corrected = Map.of("paperworkCorrectionsAskedAt", clock.instant().toString());
    assertThat(paperwork.unmet(USER_TASK_PREPARE_INM_PAPERWORK, CASE, corrected))
        .hasValueSatisfying(reason -> assertThat(reason).contains("corrected INM paperwork", "/cases/" + CASE));

    clock.move(Duration.ofMinutes(20));
    store.store(CASE, PaperworkBeforeSending.INM_PAPERWORK, "solicitud-corregida.pdf", SampleFiles.pdf("New"), "lucia");
    assertThat(paperwork.unmet(USER_TASK_PREPARE_INM_PAPERWORK, CASE, corrected)).isEmpty();
    // Only the corrected forms go to the client.
    assertThat(PaperworkBeforeSending.current(store.listOf(CASE), Instant.parse(
        (String) corrected.get("paperworkCorrectionsAskedAt")))).extracting(DocumentStore.DocumentInfo::fileName)
        .containsExactly("solicitud-corregida.pdf");
  }
}
