package mx.permiso.mail;

import static mx.permiso.cases.ExitReentryPermitProcess.Elements.*;
import static mx.permiso.support.LiveCase.clockAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.ExitReentryPermitProcess.Messages;
import mx.permiso.documents.DocumentStore;
import mx.permiso.security.StaffGroups;
import mx.permiso.support.ReceivedMail;
import mx.permiso.support.Http;
import mx.permiso.support.LiveCase;
import mx.permiso.support.SampleFiles;
import mx.permiso.support.TestUsers;
import mx.permiso.support.GreenMailApplicationTest;
import mx.permiso.support.SampleCase;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Two whole cases on PostgreSQL, one in English and one in Spanish, with every email going
 * through the outbox to a real SMTP server (GreenMail): what the client receives, in order.
 */
@GreenMailApplicationTest
@TestPropertySource(properties = {
    "permiso.firm.phone=+52 442 555 0100",
    "permiso.firm.email=despacho@example.mx",
    "permiso.firm.payment-instructions.en=Bank transfer to Despacho Ejemplo, S.C.\\nCLABE 012 180 00000000000 0",
    "permiso.firm.payment-instructions.es=Transferencia a Despacho Ejemplo, S.C.\\nCLABE 012 180 00000000000 0",
    // Only the emergency fee is set: the canje client is told the firm will confirm its fee.
    "permiso.fees.firm-mxn-by-scenario.EMERGENCY=5000"
})
class ClientEmailIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired
  ProcessEngine engine;

  @Autowired
  MailDispatcher dispatcher;

  @Autowired
  DocumentStore documents;

  @LocalServerPort
  int port;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void aCanjeClientReceivesEveryEmailOfTheCaseInEnglish() throws Exception {
    String caseNumber = "EXR-2026-0300";
    new LiveCase(engine, caseNumber).canjeToClosed(SampleCase.intake(caseNumber), () -> {
      // Staff attach the forms filled on INM's portal, through the staff API.
      TestUsers.ensure(engine.getIdentityService(), "lucia", StaffGroups.LEGAL_STAFF);
      var uploaded = Http.at(port).upload("/api/cases/" + caseNumber + "/documents?kind=INM_PAPERWORK",
          "Solicitud de permiso.PDF", SampleFiles.pdf("Solicitud"), "lucia", TestUsers.PASSWORD);
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    });

    List<MimeMessage> received = deliverAll(9);
    assertThat(received).extracting(MimeMessage::getSubject).containsExactly(
        "Your exit and re-entry permit request EXR-2026-0300",
        "Your INM forms are ready to sign (EXR-2026-0300)",
        "Your INM appointment: Thursday 12 November 2026 at 09:30",
        "Reminder: INM appointment on Thursday 12 November 2026",
        "Your permit is issued: come back by Monday 11 January 2027",
        "Before your flight on Friday 20 November 2026: get your permit stamped",
        // Day 10 after re-entry is Sunday 20 December, when INM is closed: the client is given Friday 18.
        "Welcome back! Hand your permit to INM by Friday 18 December 2026",
        "Reminder: hand your permit back to INM by Friday 18 December 2026",
        "Your case EXR-2026-0300 is closed");
    for (MimeMessage message : received) {
      assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("jane@example.com");
      assertThat(message.getFrom()).extracting(Object::toString).containsExactly("Permiso <permisos@example.com>");
      // How to reach the firm, in every email.
      assertThat(text(message)).as(message.getSubject()).contains(
          "Call us on +52 442 555 0100, Monday to Friday, 10:00 to 15:00 (Mexico City time).",
          "Email: despacho@example.mx");
    }
    assertThat(text(received.get(0))).contains("Tuesday 17 November 2026", "- One colour photo", "10:00 to 15:00",
        "We will confirm our fee with you; INM's own fee is about MXN 522 (INM's 2023 figure; INM may charge more).",
        "How to pay:", "CLABE 012 180 00000000000 0");
    assertThat(received.subList(1, 9)).allSatisfy(message -> assertThat(text(message)).doesNotContain("CLABE"));
    // The case link in every email while the case runs; dead once it is closed.
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:8080(/c/[A-Za-z0-9_-]{43})")
        .matcher(text(received.get(0)));
    assertThat(link.find()).as("case link in the acknowledgement").isTrue();
    assertThat(text(received.get(7))).contains(link.group(1));
    assertThat(text(received.get(8))).doesNotContain("/c/");
    assertThat(Http.at(port).get(link.group(1)).statusCode()).as("link of a closed case").isEqualTo(404);
    assertThat(attachment(received.get(1), "solicitud-de-permiso.pdf")).isEqualTo(SampleFiles.pdf("Solicitud"));
    assertThat(text(received.get(1))).contains("check every detail carefully", "sign them");
    assertThat(text(received.get(2))).contains("Querétaro", "attend in person", "cannot go in with you");
    assertThat(calendarStart(received.get(2), "inm-appointment.ics")).isEqualTo("20261112T153000Z");
    assertThat(calendarStart(received.get(4), "return-by.ics")).isEqualTo("20270111");
    // Written when sent, weeks later, the calendar files still carry the moment their step ran.
    assertThat(calendarStamp(received.get(2), "inm-appointment.ics")).isEqualTo("20261103T150000Z");
    assertThat(calendarStamp(received.get(4), "return-by.ics")).isEqualTo("20261112T180000Z");
    assertThat(text(received.get(5))).contains("Before you check in, take your permit to the INM counter at the airport");
    // How to come back, long before the return-by reminder: in the permit-issued email and the departure reminder.
    for (MimeMessage beforeLeaving : received.subList(4, 6)) {
      assertThat(text(beforeLeaving)).contains("have your permit stamped and signed again",
          "Do not fill in a new FMM immigration form", "Fill in only the customs form",
          "Within 10 days of your return, hand the permit back to your local INM office");
    }
    assertThat(text(received.get(6))).contains("Friday 18 December 2026").doesNotContain("20 December");
    assertThat(calendarStart(received.get(6), "hand-back.ics")).isEqualTo("20261218");
  }

  @Test
  void anEmergencyClientIsWrittenToInSpanish() throws Exception {
    String caseNumber = "EXR-2026-0301";
    Map<String, Object> intake = SampleCase.intake(caseNumber);
    intake.putAll(Map.of("language", "es", "scenario", "EMERGENCY", "emergencyReason", "Cirugía de mi madre",
        "departureDate", "2026-11-05", "plannedReturnDate", "2026-11-19", "clientEmail", "ana@example.mx",
        "clientName", "Ana Pérez"));
    clockAt("2026-11-03", "09:00");
    LiveCase live = new LiveCase(engine, caseNumber).start(intake)
        .complete(USER_TASK_REVIEW_INTAKE, Map.of("intakeAccepted", true))
        .correlate(Messages.DOCUMENTS_SUBMITTED, Map.of())
        .complete(USER_TASK_VERIFY_DOCUMENTS, SampleCase.documentsVerified())
        .complete(USER_TASK_CONFIRM_PAYMENT, Map.of("paymentReceived", true));
    documents.store(caseNumber, "INM_PAPERWORK", "carta.pdf", SampleFiles.pdf("Carta"), "lucia");
    live.complete(USER_TASK_PREPARE_INM_PAPERWORK, Map.of("paperworkReady", true))
        .complete(USER_TASK_BOOK_APPOINTMENT, Map.of("appointmentDate", "2026-11-04", "appointmentTime", "08:00",
            "inmOffice", "CDMX Polanco", "processAtOnce", true));
    live.awaitTask(USER_TASK_RECORD_OUTCOME);
    clockAt("2026-11-03", "10:01");
    live.awaitPassed(SERVICE_TASK_SEND_APPOINTMENT_REMINDER);
    clockAt("2026-11-04", "12:00");
    live.complete(USER_TASK_RECORD_OUTCOME, Map.of("permitIssued", true, "permitDate", "2026-11-04"))
        .awaitPassed(SERVICE_TASK_SEND_DEPARTURE_REMINDER);

    List<MimeMessage> received = deliverAll(6);
    assertThat(received).extracting(MimeMessage::getSubject).containsExactly(
        "Su solicitud de permiso de salida y regreso EXR-2026-0301",
        "Sus formatos del INM están listos para firmar (EXR-2026-0301)",
        "Su cita en el INM: miércoles 4 de noviembre de 2026 a las 08:00",
        "Recordatorio: cita en el INM el miércoles 4 de noviembre de 2026",
        "Su permiso fue expedido: regrese a más tardar el domingo 3 de enero de 2027",
        "Antes de su vuelo del jueves 5 de noviembre de 2026: haga sellar su permiso");
    assertThat(received.get(0).getAllRecipients()).extracting(Object::toString).containsExactly("ana@example.mx");
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:8080(/c/[A-Za-z0-9_-]{43})")
        .matcher(text(received.get(0)));
    assertThat(link.find()).as("case link in the acknowledgement").isTrue();
    var page = Http.at(port).get(link.group(1));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Su caso EXR-2026-0301", "Ana Pérez").doesNotContain("EXR-2026-0300");
    assertThat(Http.at(port).get("/c/" + "A".repeat(43)).statusCode()).as("a guessed token").isEqualTo(404);
    assertThat(text(received.get(0))).contains("Buen día, Ana Pérez:", "Comprobante escrito de la emergencia",
        "miércoles 4 de noviembre de 2026", "Nuestros honorarios son de MXN 5,000", "Forma de pago:",
        "Transferencia a Despacho Ejemplo", "Llámenos al +52 442 555 0100, de lunes a viernes",
        "Correo electrónico: despacho@example.mx");
    assertThat(attachment(received.get(1), "carta.pdf")).isEqualTo(SampleFiles.pdf("Carta"));
    for (MimeMessage beforeLeaving : received.subList(4, 6)) {
      assertThat(text(beforeLeaving)).contains("haga sellar y firmar de nuevo su permiso", "No llene una nueva FMM",
          "Llene solo la declaración de aduana", "Dentro de los 10 días siguientes a su regreso, entregue el permiso");
    }
    // An emergency is processed at once on the client's own request at the counter: told once, never as done by us.
    assertThat(text(received.get(2))).contains("y pida al INM que tramite su permiso de inmediato",
        "el comprobante de pago del derecho del INM que le enviamos con sus formatos").doesNotContain("Pedimos al INM");
    assertThat(calendarStart(received.get(2), "inm-appointment.ics")).isEqualTo("20261104T140000Z");

    // The client travels and comes back; the case runs to its end, in Spanish.
    live.correlate(Messages.DEPARTURE_CONFIRMED, Map.of()).awaitTask(USER_TASK_CONFIRM_REENTRY);
    clockAt("2026-11-18", "19:00");
    live.correlate(Messages.REENTRY_CONFIRMED, Map.of("reentryDate", "2026-11-18"))
        .awaitTask(USER_TASK_RECORD_PERMIT_RETURNED);
    clockAt("2026-11-21", "10:01");
    live.awaitPassed(SERVICE_TASK_SEND_HAND_BACK_REMINDER)
        .correlate(Messages.PERMIT_RETURNED, Map.of("permitReturnedDate", "2026-11-23"))
        .awaitTask("UserTask_ConfirmPermitReturned");
    live.complete("UserTask_ConfirmPermitReturned", Map.of("permitReturnConfirmed", "true",
        "inmReceiptReference", "INM-QRO-2026-5512")).awaitEnded();

    List<MimeMessage> all = deliverAll(9);
    assertThat(all.subList(6, 9)).extracting(MimeMessage::getSubject).containsExactly(
        // Day 10 after re-entry is Saturday 28 November, when INM is closed: the client is given Friday 27.
        "De regreso en México: entregue su permiso al INM a más tardar el viernes 27 de noviembre de 2026",
        "Recordatorio: entregue su permiso al INM a más tardar el viernes 27 de noviembre de 2026",
        "Su caso EXR-2026-0301 está cerrado");
    assertThat(text(all.get(6))).contains("Dentro de los 10 días siguientes a su regreso");
    assertThat(calendarStart(all.get(6), "hand-back.ics")).isEqualTo("20261127");
    assertThat(Http.at(port).get(link.group(1)).statusCode()).as("link of a closed case").isEqualTo(404);
  }

  /** Runs the dispatcher until the outbox is empty and returns what the SMTP server received. */
  private List<MimeMessage> deliverAll(int expected) {
    ReceivedMail.deliverAll(dispatcher);
    assertThat(SMTP.getReceivedMessages()).hasSize(expected);
    return Arrays.asList(SMTP.getReceivedMessages());
  }

  private static String text(MimeMessage message) {
    return ReceivedMail.text(message);
  }

  private static String calendarStart(MimeMessage message, String fileName) throws Exception {
    return new CalendarBuilder().build(new ByteArrayInputStream(attachment(message, fileName)))
        .<VEvent>getComponent("VEVENT").orElseThrow().getDateTimeStart().getValue();
  }

  private static String calendarStamp(MimeMessage message, String fileName) throws Exception {
    return new CalendarBuilder().build(new ByteArrayInputStream(attachment(message, fileName)))
        .<VEvent>getComponent("VEVENT").orElseThrow().getDateTimeStamp().getValue();
  }

  private static byte[] attachment(MimeMessage message, String fileName) throws Exception {
    Multipart multipart = (Multipart) message.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (fileName.equals(part.getFileName())) {
        return part.getInputStream().readAllBytes();
      }
    }
    throw new AssertionError("no attachment " + fileName + " in " + message.getSubject());
  }
}
