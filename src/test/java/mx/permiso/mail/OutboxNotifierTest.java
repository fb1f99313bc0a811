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
    FirmSettings firm = new FirmSettings("+52 442 555 0100", null,
        Map.of("en", "Monday to Friday, 10:00 to 15:00", "es", "de lunes a viernes, de 10:00 a 15:00"), Map.of());
    Outbox outbox = mock(Outbox.class);
    ClientLinks links = mock(ClientLinks.class);
    when(links.linkFor(any())).thenReturn(Optional.empty());
    OutboxNotifier notifier = new OutboxNotifier(new MailComposer(firm, deadlines, MEXICO_CITY), outbox, settings,
        deadlines, mock(DocumentStore.class), links);
    Map<String, Object> facts = new HashMap<>(SampleCase.intake("EXR-2026-0042"));
    facts.put("language", language);
    facts.put("plannedReturnDate", "2027-02-01");
    facts.put("returnByDate", "2027-01-11");

    notifier.send(new Notice("pi-1", "EXR-2026-0042", NoticeType.RETURN_AFTER_EXPIRY, LocalDate.of(2026, 11, 12), facts));

    ArgumentCaptor<Outbox.NewMessage> written = ArgumentCaptor.forClass(Outbox.NewMessage.class);
    verify(outbox, Mockito.atLeastOnce()).enqueue(written.capture(), any());
    return written.getAllValues();
  }

  @Test
  void theClientReadsThatOurStaffKnowOfTheLateReturnOnlyWhenTheFirmsCopyIsWritten() {
    List<Outbox.NewMessage> withFirm = lateReturnWarning("inbox@firm.example", "en");
    assertThat(withFirm).extracting(Outbox.NewMessage::recipient)
        .containsExactly("jane@example.com", "inbox@firm.example");
    assertThat(withFirm.get(0).mail().text()).contains("Our legal staff have been told as well.");

    List<Outbox.NewMessage> noFirmAddress = lateReturnWarning("", "es");
    assertThat(noFirmAddress).extracting(Outbox.NewMessage::recipient)
        .containsExactly("jane@example.com");
    assertThat(noFirmAddress.get(0).mail().text()).contains("Por favor llámenos antes de viajar")
        .doesNotContain("enterado");
  }
}
