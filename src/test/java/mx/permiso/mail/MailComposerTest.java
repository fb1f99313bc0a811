package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.firm.FirmSettings;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MailComposerTest {

  private static final ZoneId MEXICO_CITY = MailFixtures.MEXICO_CITY;
  private static final String CLABE = MailFixtures.CLABE;
  private final Deadlines deadlines = MailFixtures.deadlines();
  private final FirmSettings firm = MailFixtures.firm();
  private final MailComposer composer = MailFixtures.composer(firm, deadlines);
  /** A firm that has set none of its settings (the default application.yaml, less its office hours). */
  private final MailComposer unsetComposer = MailFixtures.composer(new FirmSettings("", null, Map.of(),
      Map.of("en", " ")), deadlines);

  /** A case far enough along that every notice has what it talks about. */
  private static Map<String, Object> facts(String language) {
    return MailFixtures.facts(language, "Outside our offices", "Card sent to print");
  }

  /** The same case as an emergency: the proof and the force-majeure letter are among its documents. */
  private static Map<String, Object> emergencyFacts(String language) {
    Map<String, Object> facts = facts(language);
    facts.put("scenario", "EMERGENCY");
    facts.put("emergencyReason", "Mother in surgery in Madrid");
    facts.put("departureDate", "2026-11-05");
    facts.put("latestRequestDate", "2026-11-04");
    facts.put("requiredDocuments",
        "FLIGHT_ITINERARY,APPLICATION_STATUS_NUT,PHOTO_CHILD_SIZE,EMERGENCY_PROOF,FORCE_MAJEURE_LETTER");
    return facts;
  }

  private ComposedMail composeEmergency(NoticeType type, String language) {
    return composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 11, 3),
        emergencyFacts(language)), language);
  }

  private ComposedMail compose(NoticeType type, String language) {
    return composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 11, 5), facts(language)), language);
  }

  @ParameterizedTest
  @EnumSource(NoticeType.class)
  void everyNoticeHasAnEnglishAndASpanishEmail(NoticeType type) {
    for (String language : List.of("en", "es")) {
      ComposedMail mail = compose(type, language);
      assertThat(mail.subject()).as(type + " " + language).isNotBlank().doesNotContain("[(", "${", "null");
      assertThat(mail.text()).as(type + " " + language).contains("Jane Doe").doesNotContain("[(", "[#", "${", "null");
      assertThat(mail.html()).contains("<html").contains("lang=\"" + language + "\"")
          .contains(org.springframework.web.util.HtmlUtils.htmlEscape(mail.subject(), "UTF-8"))
          .contains("EXR-2026-0042");
    }
  }

  @Test
  void theCancellationIsWordedForWhoAskedAndShowsTheFirmsReasonOnly() {
    Map<String, Object> facts = facts("en");
    facts.put("cancelRequestedBy", "FIRM");
    facts.put("cancelReason", "INM closed your file <today>");
    ComposedMail firm = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.CASE_CANCELLED,
        LocalDate.of(2026, 11, 5), facts), "en");
    assertThat(firm.text()).contains("We have decided to cancel", "Our reason: INM closed your file <today>")
        .doesNotContain("As requested");
    assertThat(firm.html()).contains("INM closed your file &lt;today&gt;").doesNotContain("<today>");

    facts.put("cancelRequestedBy", "CLIENT");
    ComposedMail client = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.CASE_CANCELLED,
        LocalDate.of(2026, 11, 5), facts), "es");
    assertThat(client.text()).contains("Como lo solicitó").doesNotContain("INM closed", "Nuestro motivo");
  }

  @Test
  void newTravelDatesNameTheDeadlineThatMattersNow() {
    Map<String, Object> facts = facts("en");
    facts.remove("returnByDate");
    facts.remove("appointmentDate");
    ComposedMail beforeFiling = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.TRAVEL_DATES_CHANGED,
        LocalDate.of(2026, 11, 5), facts), "en");
    assertThat(beforeFiling.text()).contains("Last day to file your request with INM").doesNotContain("lets you back");

    ComposedMail withPermit = compose(NoticeType.TRAVEL_DATES_CHANGED, "en");
    assertThat(withPermit.text()).contains("Last day your permit lets you back in").doesNotContain("to file");
  }

  @Test
  void everyEmailOfARunningCaseCarriesTheCaseLink() {
    Map<String, Object> facts = facts("es");
    facts.put("caseLink", "https://permiso.example/c/abc");
    ComposedMail mail = composer.compose(new Notice("pi", "EXR-2026-0042", NoticeType.HAND_BACK_REMINDER,
        LocalDate.of(2026, 12, 13), facts), "es");
    assertThat(mail.text()).contains("Su caso en línea: https://permiso.example/c/abc");
    assertThat(mail.html()).contains("https://permiso.example/c/abc");
  }

  @Test
  void datesAreWrittenForPeopleInTheClientsLanguage() {
    assertThat(compose(NoticeType.PERMIT_ISSUED, "en").text()).contains("Monday 11 January 2027")
        .contains("Thursday 12 November 2026");
    assertThat(compose(NoticeType.PERMIT_ISSUED, "es").text()).contains("lunes 11 de enero de 2027")
        .contains("jueves 12 de noviembre de 2026");
    assertThat(compose(NoticeType.ACKNOWLEDGEMENT, "es").text()).contains("viernes 20 de noviembre de 2026")
        .contains("martes 17 de noviembre de 2026");
  }

  @Test
  void acknowledgementListsTheDocumentsFeesAndOfficeHours() {
    ComposedMail mail = compose(NoticeType.ACKNOWLEDGEMENT, "en");
    assertThat(mail.text()).contains("- A copy of your flight itinerary", "- One colour photo, child size 2.5 x 3 cm",
        "MXN 3,500", "MXN 522", "10:00 to 15:00");
    assertThat(mail.html()).contains("<li>A copy of your flight itinerary");
  }

  @Test
  void aTripLongerThanAnyPermitIsToldBeforeThePaymentInWords() {
    Map<String, Object> facts = facts("en");
    facts.put("plannedReturnDate", "2027-02-15");
    facts.put("tripTooLong", true);
    String en = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.ACKNOWLEDGEMENT,
        LocalDate.of(2026, 11, 3), facts), "en").text();
    assertThat(en).contains("Please note before you pay: you plan to come back on Monday 15 February 2027",
        "would expire on Tuesday 19 January 2027");
    facts.put("language", "es");
    String es = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.ACKNOWLEDGEMENT,
        LocalDate.of(2026, 11, 3), facts), "es").text();
    assertThat(es).contains("usted planea regresar el lunes 15 de febrero de 2027",
        "vencería el martes 19 de enero de 2027");
    assertThat(compose(NoticeType.ACKNOWLEDGEMENT, "en").text()).as("a trip that fits says nothing of it")
        .doesNotContain("Please note before you pay");
  }

  @Test
  void aClientWhoDidNotTravelIsToldThePermitIsSingleUseAndWhatToDoWithIt() {
    String en = compose(NoticeType.DID_NOT_TRAVEL, "en").text();
    assertThat(en).contains("good for one trip only, and only until Monday 11 January 2027",
        "we will tell you whether INM wants it back at its office in Querétaro");
    String es = compose(NoticeType.DID_NOT_TRAVEL, "es").text();
    assertThat(es).contains("sirve para un solo viaje y solo hasta el lunes 11 de enero de 2027",
        "le diremos si el INM lo pide de vuelta en su oficina de Querétaro");
  }

  @Test
  void theEmergencyAlertGivesTheFirmTheCaseTheFlightAndTheReasonInBothLanguages() {
    ComposedMail en = composeEmergency(NoticeType.EMERGENCY_INTAKE, "en");
    assertThat(en.subject()).isEqualTo("EMERGENCY intake EXR-2026-0042: flight on Thursday 5 November 2026");
    assertThat(en.text()).contains("- Case: EXR-2026-0042", "- Flight: Thursday 5 November 2026",
        "- Reason: Mother in surgery in Madrid", "+52 442 123 4567", "Case EXR-2026-0042. Sent automatically")
        // Meant for the firm: not the client's phone hours.
        .doesNotContain("Our staff answer the phone");
    assertThat(en.html()).contains("<li>Reason: Mother in surgery in Madrid");

    ComposedMail es = composeEmergency(NoticeType.EMERGENCY_INTAKE, "es");
    assertThat(es.subject()).isEqualTo("EMERGENCIA: solicitud EXR-2026-0042, vuelo el jueves 5 de noviembre de 2026");
    assertThat(es.text()).contains("- Caso: EXR-2026-0042", "- Vuelo: jueves 5 de noviembre de 2026",
        "- Motivo: Mother in surgery in Madrid", "Enviado automáticamente por Permiso");
  }

  @Test
  void anEmergencysEmailsNameTheProofAndLetterForInmAndSayToAskForTheirPermitAtOnce() {
    Map<String, List<String>> expected = Map.of(
        "en", List.of("written proof of the emergency", "signed letter stating the force-majeure reason",
            "ask INM to process your permit at once"),
        "es", List.of("comprobante escrito de la emergencia", "carta firmada que explique la causa de fuerza mayor",
            "pida al INM que tramite su permiso de inmediato"));
    for (NoticeType type : List.of(NoticeType.ACKNOWLEDGEMENT, NoticeType.PAPERWORK_READY,
        NoticeType.APPOINTMENT_INSTRUCTIONS, NoticeType.APPOINTMENT_REMINDER)) {
      for (String language : List.of("en", "es")) {
        assertThat(composeEmergency(type, language).text()).as(type + " " + language)
            .contains(expected.get(language)).doesNotContain("[#", "null");
        // A routine case's email says none of it.
        assertThat(compose(type, language).text()).as(type + " " + language + " routine")
            .doesNotContain(expected.get(language).get(2));
      }
    }
  }

  @Test
  void documentsReminderSaysHowManyBusinessDaysAreLeft() {
    // From Thursday 5 November to Tuesday 17 November: 6, 9, 10, 11, 12, 13 (16 is a holiday), 17.
    assertThat(compose(NoticeType.DOCUMENTS_REMINDER, "en").text()).contains("7 business days from today")
        .contains("- One colour photo");
  }

  @Test
  void htmlEscapesWhatTheClientTyped() {
    Map<String, Object> facts = facts("en");
    facts.put("clientName", "<script>alert(1)</script>");
    ComposedMail mail = composer.compose(new Notice("pi", "EXR-2026-0042", NoticeType.CASE_CLOSED,
        LocalDate.of(2026, 12, 20), facts), "en");
    assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
  }

  @Test
  void appointmentInstructionsCarryACalendarInvitationAtTheLocalTime() throws Exception {
    ComposedMail mail = compose(NoticeType.APPOINTMENT_INSTRUCTIONS, "es");
    assertThat(mail.attachments()).singleElement().satisfies(attachment -> {
      assertThat(attachment.fileName()).isEqualTo("inm-appointment.ics");
      assertThat(attachment.contentType()).startsWith("text/calendar");
    });
    Calendar calendar = new CalendarBuilder().build(new ByteArrayInputStream(mail.attachments().get(0).content()));
    VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    // 09:30 in Mexico City is 15:30 UTC.
    assertThat(event.getDateTimeStart().getValue()).isEqualTo("20261112T153000Z");
    assertThat(event.getLocation().getValue()).isEqualTo("Querétaro");
  }

  @Test
  void permitIssuedAndWelcomeBackCarryAllDayDeadlines() throws Exception {
    Calendar returnBy = new CalendarBuilder().build(new ByteArrayInputStream(
        compose(NoticeType.PERMIT_ISSUED, "en").attachments().get(0).content()));
    assertThat(returnBy.<VEvent>getComponent("VEVENT").orElseThrow().getDateTimeStart().getValue()).isEqualTo("20270111");
    Calendar handBack = new CalendarBuilder().build(new ByteArrayInputStream(
        compose(NoticeType.WELCOME_BACK, "en").attachments().get(0).content()));
    assertThat(handBack.<VEvent>getComponent("VEVENT").orElseThrow().getDateTimeStart().getValue()).isEqualTo("20261218");
    assertThat(compose(NoticeType.CASE_CLOSED, "en").attachments()).isEmpty();
  }

  private static final Map<String, List<String>> REENTRY_INSTRUCTIONS = Map.of(
      "en", List.of("When you come back to Mexico (by Monday 11 January 2027 at the latest):",
          "go to the INM counter at the airport and have your permit stamped and signed again",
          "Do not fill in a new FMM immigration form", "Fill in only the customs form",
          "replaced the paper FMM with a digital one", "Within 10 days of your return, hand the permit back to your local INM office"),
      "es", List.of("Cuando regrese a México (a más tardar el lunes 11 de enero de 2027):",
          "acuda al módulo del INM en el aeropuerto y haga sellar y firmar de nuevo su permiso",
          "No llene una nueva FMM", "Llene solo la declaración de aduana",
          "cambiaron la FMM en papel por una digital",
          "Dentro de los 10 días siguientes a su regreso, entregue el permiso en su oficina local del INM"));

  @Test
  void thePermitIssuedEmailAndTheDepartureReminderTellHowToComeBackInTheSameWordsAsTheReturnByReminder() {
    for (String language : List.of("en", "es")) {
      String heading = REENTRY_INSTRUCTIONS.get(language).get(0);
      List<String> instructions = new java.util.ArrayList<>();
      for (NoticeType type : List.of(NoticeType.PERMIT_ISSUED, NoticeType.DEPARTURE_REMINDER, NoticeType.RETURN_BY_REMINDER)) {
        ComposedMail mail = compose(type, language);
        assertThat(mail.text()).as(type + " " + language).contains(REENTRY_INSTRUCTIONS.get(language));
        String text = mail.text();
        instructions.add(text.substring(text.indexOf(heading), text.indexOf("\n\n", text.indexOf(heading) + heading.length() + 2)));
        // A list the client reads as one in the HTML version too.
        assertThat(mail.html()).as(type + " " + language).contains("<li>" + org.springframework.web.util.HtmlUtils
            .htmlEscape(REENTRY_INSTRUCTIONS.get(language).get(2), "UTF-8"));
      }
      assertThat(instructions).as("one text for the three emails, " + language).containsOnly(instructions.get(0));
    }
    // The hand-back period is the configured one, not a number in the text.
    assertThat(new MailComposer(firm, new Deadlines(new mx.permiso.deadlines.DeadlineSettings(60, 7,
        java.time.LocalTime.of(10, 0), java.time.LocalTime.of(10, 0), java.time.LocalTime.of(15, 0),
        List.of(java.time.DayOfWeek.values()).subList(0, 5), true, List.of(), java.time.Duration.ofHours(5), java.time.Duration.ofHours(5),
        java.time.Period.ofDays(2), java.time.Period.ofDays(2), java.time.Period.ofDays(3), 7, 1, java.time.Duration.ofHours(1), 50, 80),
        Clock.fixed(Instant.parse("2026-11-03T15:00:00Z"), ZoneOffset.UTC), MEXICO_CITY), MEXICO_CITY)
        .compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.PERMIT_ISSUED, LocalDate.of(2026, 11, 12), facts("en")), "en")
        .text()).contains("Within 7 days of your return");
  }

  /** Sent on Tuesday 3 November for a flight on Thursday 5: the request had to be filed by Monday 2. */
  private static final LocalDate SENT = LocalDate.of(2026, 11, 3);

  private static Map<String, Object> lateFacts(String language) {
    Map<String, Object> facts = facts(language);
    facts.put("departureDate", "2026-11-05");
    facts.put("latestRequestDate", "2026-11-02");
    facts.put("leadTimeMet", false);
    facts.put("permitReturnDueDate", "2026-10-30");
    return facts;
  }

  @Test
  void noEmailOffersADayAlreadyGoneAsADeadline() {
    Map<String, List<String>> gone = Map.of(
        "en", List.of("Monday 2 November 2026", "Friday 30 October 2026"),
        "es", List.of("lunes 2 de noviembre de 2026", "viernes 30 de octubre de 2026"));
    for (NoticeType type : NoticeType.values()) {
      for (String language : List.of("en", "es")) {
        Map<String, Object> facts = lateFacts(language);
        if (type.pointlessFrom() != null && !SENT.isBefore(LocalDate.parse((String) facts.get(type.pointlessFrom())))) {
          continue; // never sent once its day has come (CaseNotices)
        }
        ComposedMail mail = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, SENT, facts), language);
        if (type.staffOnly()) {
          // The firm's inbox sees the day, marked as gone.
          assertThat(mail.text()).as(type + " " + language).contains(language.equals("en")
              ? "Monday 2 November 2026 (already passed" : "lunes 2 de noviembre de 2026 (ya pasó");
          continue;
        }
        assertThat(mail.subject() + "\n" + mail.text()).as(type + " " + language).doesNotContain(gone.get(language))
            .doesNotContain("\n\n\n");
      }
    }
  }

  @Test
  void aMissedLeadTimeSaysWhatHappensNowAndInvitesACall() {
    Map<String, List<String>> whatNow = Map.of(
        "en", List.of("the last day to file the request in time has passed", "We will still try",
            "INM may still accept the request", "an emergency permit the same or the next day",
            "If you can change your travel dates", "Please call us Monday to Friday, 10:00 to 15:00"),
        "es", List.of("ya pasó el último día para presentar la solicitud a tiempo", "Aun así lo intentaremos",
            "el INM todavía puede aceptar la solicitud", "un permiso de emergencia el mismo día o al día siguiente",
            "Si puede cambiar sus fechas de viaje", "Llámenos de lunes a viernes, de 10:00 a 15:00"));
    for (NoticeType type : List.of(NoticeType.ACKNOWLEDGEMENT, NoticeType.DOCUMENTS_REMINDER,
        NoticeType.PAYMENT_REMINDER, NoticeType.MISSING_DOCUMENTS, NoticeType.TRAVEL_DATES_CHANGED)) {
      for (String language : List.of("en", "es")) {
        Map<String, Object> facts = lateFacts(language);
        if (type == NoticeType.TRAVEL_DATES_CHANGED) {
          facts.remove("returnByDate");
          facts.remove("appointmentDate");
        }
        ComposedMail late = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, SENT, facts), language);
        assertThat(late.text()).as(type + " " + language).contains(whatNow.get(language));
        assertThat(late.html()).as(type + " " + language).contains("<li>");
        // In time, the same email gives the day and none of it.
        ComposedMail inTime = compose(type, language);
        assertThat(inTime.text()).as(type + " " + language + " in time").doesNotContain(whatNow.get(language).get(1));
      }
    }
    // An emergency case is not told to ask for an emergency permit.
    Map<String, Object> emergency = lateFacts("en");
    emergency.put("scenario", "EMERGENCY");
    assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.DOCUMENTS_REMINDER, SENT, emergency), "en")
        .text()).contains("We will still try").doesNotContain("emergency permit");
  }

  @Test
  void theLastDayToFileIsStillADeadlineOnTheDayItself() {
    Map<String, Object> facts = lateFacts("en");
    facts.put("latestRequestDate", "2026-11-03");
    for (NoticeType type : List.of(NoticeType.ACKNOWLEDGEMENT, NoticeType.DOCUMENTS_REMINDER,
        NoticeType.PAYMENT_REMINDER, NoticeType.MISSING_DOCUMENTS)) {
      assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", type, SENT, facts), "en").text()).as(type.name())
          .contains("INM needs the request by Tuesday 3 November 2026").doesNotContain("We will still try");
    }
  }

  @Test
  void aHandBackDayAlreadyGoneIsNotGivenAsTheDayToHandItBack() {
    for (NoticeType type : List.of(NoticeType.WELCOME_BACK, NoticeType.HAND_BACK_NOT_CONFIRMED)) {
      Map<String, Object> facts = facts("en");
      String en = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 12, 21), facts), "en").text();
      assertThat(en).as(type.name()).contains("has run out").doesNotContain("18 December");
      facts.put("language", "es");
      String es = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 12, 21), facts), "es").text();
      assertThat(es).as(type.name()).contains("venció").doesNotContain("18 de diciembre");
      // On the last day itself it is still the day to hand it back.
      assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 12, 18), facts("en")), "en")
          .text()).as(type.name()).contains("by Friday 18 December 2026").doesNotContain("has run out");
    }
  }

  @Test
  void theHandBackDayTheClientIsGivenIsADayInmIsOpen() {
    // Re-entry Thursday 10 December: day 10 is Sunday 20 December.
    LocalDate handBack = deadlines.permitReturnDueDate(LocalDate.of(2026, 12, 10));
    assertThat(deadlines.businessDays().isBusinessDay(handBack)).isTrue();
    for (NoticeType type : List.of(NoticeType.WELCOME_BACK, NoticeType.HAND_BACK_REMINDER)) {
      for (String language : List.of("en", "es")) {
        Map<String, Object> facts = facts(language);
        facts.put("permitReturnDueDate", handBack.toString());
        ComposedMail mail = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 12, 13), facts),
            language);
        assertThat(mail.subject() + "\n" + mail.text()).as(type + " " + language)
            .contains(language.equals("en") ? "Friday 18 December 2026" : "viernes 18 de diciembre de 2026")
            .doesNotContain("Sunday", "domingo", "20 December", "20 de diciembre");
      }
    }
  }

  @Test
  void longCalendarLinesAreFolded() {
    String folded = CalendarFiles.fold("DESCRIPTION:" + "é".repeat(80));
    assertThat(folded.lines()).allSatisfy(line -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(75));
  }

  @Test
  void aShortTripsClientIsToldToAskInmAtTheCounterForTheirPermitAtOnce() {
    for (NoticeType type : List.of(NoticeType.APPOINTMENT_INSTRUCTIONS, NoticeType.APPOINTMENT_REMINDER)) {
      Map<String, Object> facts = facts("en");
      facts.put("processAtOnce", true);
      ComposedMail english = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 11, 5), facts), "en");
      assertThat(english.text()).as(type.name()).contains("ask INM at the counter to process your permit at once")
          .doesNotContain("We asked INM");
      facts.put("language", "es");
      ComposedMail spanish = composer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 11, 5), facts), "es");
      assertThat(spanish.text()).as(type.name()).contains("pida en la ventanilla del INM que tramiten su permiso de inmediato")
          .doesNotContain("Pedimos al INM");

      assertThat(compose(type, "en").text()).as(type + " without the choice").doesNotContain("at the counter");
    }
  }

  @Test
  void theClientLearnsThatTheInmFeeReceiptComesWithTheirFormsAndIsBroughtToTheAppointment() {
    assertThat(compose(NoticeType.PAPERWORK_READY, "en").text()).contains("the receipt for INM's fee",
        "hoja de ayuda e5cinco", "bring it to your appointment");
    assertThat(compose(NoticeType.PAPERWORK_READY, "es").text()).contains("comprobante de pago del derecho del INM",
        "hoja de ayuda e5cinco", "llévelo a su cita");
    assertThat(compose(NoticeType.APPOINTMENT_INSTRUCTIONS, "en").text())
        .contains("the receipt for INM's fee that we sent with your INM forms");
    assertThat(compose(NoticeType.APPOINTMENT_INSTRUCTIONS, "es").text())
        .contains("el comprobante de pago del derecho del INM que le enviamos con sus formatos");
  }

  @Test
  void aCancellationNobodyIsSaidToHaveAskedForSaysNeitherAsRequestedNorGivesAReason() {
    for (String language : List.of("en", "es")) {
      Map<String, Object> facts = facts(language);
      facts.remove("cancelRequestedBy");
      ComposedMail mail = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.CASE_CANCELLED,
          LocalDate.of(2026, 11, 5), facts), language);
      assertThat(mail.text()).as(language).contains("EXR-2026-0042")
          .containsAnyOf("We have cancelled your exit and re-entry permit case", "Cancelamos su caso")
          .doesNotContain("As requested", "Como lo solicitó", "We have decided", "Decidimos");
    }
  }

  @Test
  void theLateReturnWarningSaysOurStaffKnowOnlyWhenTheyWereCopied() {
    for (String language : List.of("en", "es")) {
      Map<String, Object> facts = facts(language);
      facts.put("plannedReturnDate", "2027-02-01");
      facts.put("staffTold", false);
      ComposedMail alone = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.RETURN_AFTER_EXPIRY,
          LocalDate.of(2026, 11, 5), facts), language);
      assertThat(alone.text()).as(language).doesNotContain("have been told", "está enterado")
          .containsAnyOf("Please call us before you travel", "Por favor llámenos antes de viajar");
      facts.put("staffTold", true);
      ComposedMail copied = composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.RETURN_AFTER_EXPIRY,
          LocalDate.of(2026, 11, 5), facts), language);
      assertThat(copied.text()).as(language).containsAnyOf("Our legal staff have been told as well.",
          "Nuestro equipo legal también está enterado.");
    }
  }

  /** The footer of the text version (after the signature separator) and of the HTML version (after the rule). */
  private static String textFooter(ComposedMail mail) {
    return mail.text().substring(mail.text().lastIndexOf("\n-- \n"));
  }

  private static String htmlFooter(ComposedMail mail) {
    return mail.html().substring(mail.html().lastIndexOf("<hr"));
  }

  @ParameterizedTest
  @EnumSource(NoticeType.class)
  void everyClientEmailInBothLanguagesGivesTheFirmsPhoneEmailAndHoursInItsFooter(NoticeType type) {
    Map<String, List<String>> expected = Map.of(
        "en", List.of("Call us on +52 442 555 0100, Monday to Friday, 10:00 to 15:00 (Mexico City time).",
            "Email: permisos@despacho.example"),
        "es", List.of("Llámenos al +52 442 555 0100, de lunes a viernes, de 10:00 a 15:00 (hora de la Ciudad de México).",
            "Correo electrónico: permisos@despacho.example"));
    for (String language : List.of("en", "es")) {
      ComposedMail mail = compose(type, language);
      if (type.staffOnly()) {
        // The firm's own inbox: the client's footer would only tell the firm its own phone.
        assertThat(textFooter(mail)).as(type + " " + language).doesNotContain("+52 442 555 0100", "permisos@despacho");
        continue;
      }
      assertThat(textFooter(mail)).as(type + " " + language).contains(expected.get(language));
      assertThat(htmlFooter(mail)).as(type + " " + language + " HTML")
          .contains(org.springframework.web.util.HtmlUtils.htmlEscape(expected.get(language).get(0), "UTF-8"),
              "permisos@despacho.example");
    }
  }

  @ParameterizedTest
  @EnumSource(NoticeType.class)
  void settingsTheFirmHasNotSetAreLeftOutOfEveryEmail(NoticeType type) {
    for (String language : List.of("en", "es")) {
      Map<String, Object> facts = facts(language);
      facts.remove("firmFeeMxn");
      ComposedMail mail = unsetComposer.compose(new Notice("pi-1", "EXR-2026-0042", type, LocalDate.of(2026, 11, 5),
          facts), language);
      assertThat(mail.text()).as(type + " " + language)
          .doesNotContain("Call us on", "Llámenos al", "How to pay", "Forma de pago", "MXN 3", "null", "[(")
          .contains("EXR-2026-0042");
      // (The contact-change emails list the client's own email: the firm's has no line of its own.)
      assertThat(textFooter(mail)).as(type + " " + language).doesNotContain("Email:", "Correo electrónico:",
          "Our staff answer the phone", "Nuestro personal atiende");
      assertThat(mail.html()).as(type + " " + language).doesNotContain("Call us on", "Llámenos al", "null");
    }
    // Sentences that quote the office hours still read as sentences.
    assertThat(unsetComposer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.APPOINTMENT_REMINDER,
        LocalDate.of(2026, 11, 5), facts("es")), "es").text()).contains("Con gusto le ayudamos por teléfono en horario de oficina.");
  }

  @Test
  void thePaymentInstructionsAreWhereThePaymentIsAsked() {
    for (NoticeType type : NoticeType.values()) {
      for (String language : List.of("en", "es")) {
        ComposedMail mail = compose(type, language);
        if (type == NoticeType.ACKNOWLEDGEMENT || type == NoticeType.PAYMENT_REMINDER) {
          assertThat(mail.text()).as(type + " " + language).contains(language.equals("en")
              ? "How to pay:\nBank transfer to Despacho Ejemplo, S.C.\n" + CLABE + "\nReference: your case number"
              : "Forma de pago:\nTransferencia a Despacho Ejemplo, S.C.\n" + CLABE + "\nReferencia: su número de caso");
          // Its lines stay lines in the HTML version.
          assertThat(mail.html()).as(type + " " + language).contains("<span>" + CLABE + "</span><br>");
        } else {
          assertThat(mail.text()).as(type + " " + language).doesNotContain(CLABE);
        }
      }
    }
  }

  @Test
  void theFeesAreTheFirmsSettingAndINMsFigureOfAnEarlierYearIsAnEstimate() {
    assertThat(compose(NoticeType.ACKNOWLEDGEMENT, "en").text()).contains("Our fee is MXN 3,500; INM's own fee is about "
        + "MXN 522 (INM's 2023 figure; INM may charge more). Both are paid before we request the permit.");
    assertThat(compose(NoticeType.PAYMENT_REMINDER, "es").text()).contains("Aún no hemos recibido el pago de su permiso. "
        + "Nuestros honorarios son de MXN 3,500; el derecho del INM es de aproximadamente MXN 522 (cifra del INM de 2023; "
        + "el INM puede cobrar más).");

    Map<String, Object> facts = facts("es");
    facts.remove("firmFeeMxn");
    facts.put("inmFeeYear", 2026);
    assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.ACKNOWLEDGEMENT, LocalDate.of(2026, 11, 5),
        facts), "es").text()).contains("Le confirmaremos el monto de nuestros honorarios; el derecho del INM es de MXN 522 "
        + "este año. Ambos se pagan antes de solicitar el permiso.");
  }
}
