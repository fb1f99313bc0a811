package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import mx.permiso.clientportal.ClientLinks;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.documents.DocumentStore;
import mx.permiso.firm.FirmSettings;
import mx.permiso.support.SampleCase;
import mx.permiso.support.SampleSettings;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

/** What the outbox receives for a warning: the client's email, and the firm's copy when the firm has an address. */
class OutboxNotifierTest {

  private static final ZoneId MEXICO_CITY = ZoneId.of("America/Mexico_City");
  private final Deadlines deadlines = new Deadlines(SampleSettings.deadlines(),
      Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"), ZoneOffset.UTC), MEXICO_CITY);

  private List<Outbox.NewMessage> lateReturnWarning(String staffAddress, String language) {
    MailSettings settings = new MailSettings("Permiso <permisos@example.com>", staffAddress,
        8, Duration.ofMinutes(1), Duration.ofHours(2), 50, Duration.ofMinutes(5), Duration.ofSeconds(10),
        Duration.ofSeconds(1));
    Outbox outbox = mock(Outbox.class);
    ClientLinks links = mock(ClientLinks.class);
    when(links.linkFor(any())).thenReturn(Optional.empty());
    OutboxNotifier notifier = new OutboxNotifier(outbox, settings, deadlines, mock(DocumentStore.class), links);
    Map<String, Object> facts = new HashMap<>(SampleCase.intake("EXR-2026-0042"));
    facts.put("language", language);
    facts.put("plannedReturnDate", "2027-02-01");
    facts.put("returnByDate", "2027-01-11");

    notifier.send(new Notice("pi-1", "EXR-2026-0042", NoticeType.RETURN_AFTER_EXPIRY, LocalDate.of(2026, 11, 12), facts));

    ArgumentCaptor<Outbox.NewMessage> written = ArgumentCaptor.forClass(Outbox.NewMessage.class);
    verify(outbox, Mockito.atLeastOnce()).enqueue(written.capture(), any());
    return written.getAllValues();
  }

  /** The email the dispatcher writes from what the step stored. */
  private static String sent(Outbox.NewMessage message) {
    FirmSettings firm = new FirmSettings("+52 442 555 0100", null,
        Map.of("en", "Monday to Friday, 10:00 to 15:00", "es", "de lunes a viernes, de 10:00 a 15:00"), Map.of());
    Deadlines later = new Deadlines(SampleSettings.deadlines(),
        Clock.fixed(Instant.parse("2026-12-01T15:00:00Z"), ZoneOffset.UTC), MEXICO_CITY);
    StoredNotice stored = StoredNotice.read(message.facts());
    return new MailComposer(firm, later, MEXICO_CITY).compose(new Notice(message.processInstanceId(),
        message.caseNumber(), NoticeType.valueOf(message.noticeType()), stored.on(), stored.facts()),
        message.language(), stored.at()).text();
  }

  @Test
  void theClientReadsThatOurStaffKnowOfTheLateReturnOnlyWhenTheFirmsCopyIsWritten() {
    List<Outbox.NewMessage> withFirm = lateReturnWarning("inbox@firm.example", "en");
    assertThat(withFirm).extracting(Outbox.NewMessage::recipient)
        .containsExactly("jane@example.com", "inbox@firm.example");
    assertThat(withFirm.get(0).mail().text()).as("written when it is sent").isNull();
    assertThat(sent(withFirm.get(0))).contains("Our legal staff have been told as well.");
    assertThat(withFirm.get(1).facts()).as("the firm's copy is the client's email").isEqualTo(withFirm.get(0).facts());

    List<Outbox.NewMessage> noFirmAddress = lateReturnWarning("", "es");
    assertThat(noFirmAddress).extracting(Outbox.NewMessage::recipient)
        .containsExactly("jane@example.com");
    assertThat(sent(noFirmAddress.get(0))).contains("Por favor llámenos antes de viajar")
        .doesNotContain("enterado");
  }

  @Test
  void theStepStoresItsFactsItsDayAndItsMomentForTheEmailWrittenLater() {
    Outbox.NewMessage client = lateReturnWarning("inbox@firm.example", "en").get(0);

    StoredNotice stored = StoredNotice.read(client.facts());
    assertThat(stored.on()).isEqualTo(LocalDate.of(2026, 11, 12));
    assertThat(stored.at()).as("the step's clock").isEqualTo(Instant.parse("2026-11-03T15:00:00Z"));
    assertThat(stored.facts()).containsEntry("returnByDate", "2027-01-11").containsEntry("staffTold", true)
        .containsEntry("clientName", SampleCase.intake("EXR-2026-0042").get("clientName"));
    assertThat(client.language()).isEqualTo("en");
  }
}
