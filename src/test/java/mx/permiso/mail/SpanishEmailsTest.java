package mx.permiso.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * Every notice, in every variant that shows an optional paragraph, read as a Spanish-speaking
 * client reads it: no English word, no "(s)" or "/a" shortcut, the glossary's wording, and
 * calendar invitations that parse and speak the client's language.
 */
class SpanishEmailsTest {

  private final MailComposer composer = MailFixtures.composer(MailFixtures.firm(), MailFixtures.deadlines());

  /**
   * Words common in English that are not Spanish words (nor part of an INM name), matched as whole
   * words: one of them in a Spanish email means a sentence or a value was left in English.
   */
  private static final Pattern ENGLISH = Pattern.compile("(?iu)(?<![\\p{L}\\d])(" + String.join("|",
      "the", "your", "you", "and", "please", "with", "for", "dear", "our", "we", "will", "have", "has", "this",
      "that", "what", "when", "which", "must", "may", "can", "not", "from", "by", "of", "to", "is", "are", "be",
      "it", "on", "at", "if", "or", "in", "us", "here", "there", "back", "before", "after", "today", "tomorrow",
      "permit", "permits", "appointment", "reminder", "flight", "trip", "travel", "day", "days", "business",
      "return", "returned", "deadline", "passport", "fee", "fees", "payment", "pay", "paid", "receipt", "case",
      "office", "call", "phone", "email", "link", "page", "documents", "document", "missing", "still", "request",
      "requested", "form", "forms", "stamp", "stamped", "signed", "sign", "customs", "airport", "counter", "new",
      "welcome", "emergency", "letter", "proof", "reason", "staff", "firm", "hand", "issued", "closed",
      "cancelled", "immigration", "residency", "application", "hours", "time", "upload", "sent", "automatically",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "april", "june", "july", "august", "september", "october", "november", "december")
      + ")(?![\\p{L}\\d])");

  /** Shortcuts a careful writer spells out: "día(s) hábil(es)", "Estimado/a", "Bienvenido/a". */
  private static final Pattern SHORTCUT = Pattern.compile("\\p{L}\\((s|es|a|as)\\)|\\p{L}/(a|o|as|os)(?![\\p{L}])");

  /** Wording the glossary rules out (docs/glossary.md). */
  private static final List<String> NOT_OUR_WORDING = List.of("selle su permiso", "la firma ", "Bienvenido",
      "Falta por ahora", "regreso planeado", "ya lo hizo", "Estimado");

  /** Names the firm's staff see in the tools they use: proper names, not English sentences. */
  private static final List<String> PROPER_NAMES = List.of("Tasklist", "\"Emergencies\"", "Jane Doe");

  private static final LocalDate SENT = LocalDate.of(2026, 11, 5);

  /** A case far along enough that every notice has what it talks about, with staff's words in Spanish. */
  private static Map<String, Object> facts(String language) {
    Map<String, Object> facts = MailFixtures.facts(language, "Su oficina del INM está fuera de nuestra zona",
        "Su tarjeta ya se mandó a imprimir");
    facts.put("caseLink", "https://permiso.example/c/abc");
    return facts;
  }

  /** Every variant of a case that changes which paragraphs an email shows. */
  private static Map<String, Consumer<Map<String, Object>>> variants() {
    Map<String, Consumer<Map<String, Object>>> variants = new LinkedHashMap<>();
    variants.put("routine", facts -> { });
    variants.put("emergency", facts -> {
      facts.put("scenario", "EMERGENCY");
      facts.put("emergencyReason", "Mi madre está en cirugía en Madrid");
      facts.put("requiredDocuments",
          "FLIGHT_ITINERARY,APPLICATION_STATUS_NUT,PHOTO_CHILD_SIZE,EMERGENCY_PROOF,FORCE_MAJEURE_LETTER");
    });
    variants.put("family unity", facts -> facts.put("scenario", "FAMILY_UNITY"));
    variants.put("lead time missed", facts -> {
      facts.put("departureDate", "2026-11-07");
      facts.put("latestRequestDate", "2026-11-04");
      facts.put("leadTimeMet", false);
    });
    variants.put("lead time missed, emergency", facts -> {
      facts.put("scenario", "EMERGENCY");
      facts.put("emergencyReason", "Mi madre está en cirugía en Madrid");
      facts.put("latestRequestDate", "2026-11-04");
    });
    variants.put("last business day tomorrow", facts -> facts.put("latestRequestDate", "2026-11-06"));
    variants.put("trip too long", facts -> {
      facts.put("plannedReturnDate", "2027-02-15");
      facts.put("tripTooLong", true);
    });
    variants.put("short trip", facts -> facts.put("processAtOnce", true));
    variants.put("cancelled by the firm", facts -> {
      facts.put("cancelRequestedBy", "FIRM");
      facts.put("cancelReason", "El INM cerró su expediente");
    });
    variants.put("cancelled by the client", facts -> facts.put("cancelRequestedBy", "CLIENT"));
    variants.put("staff told", facts -> facts.put("staffTold", true));
    variants.put("new address", facts -> facts.put("previousClientEmail", "old@example.com"));
    variants.put("hand-back day gone", facts -> facts.put("permitReturnDueDate", "2026-11-04"));
    variants.put("before filing", facts -> {
      facts.remove("returnByDate");
      facts.remove("appointmentDate");
    });
    variants.put("before filing, lead time missed", facts -> {
      facts.remove("returnByDate");
      facts.remove("appointmentDate");
      facts.put("latestRequestDate", "2026-11-04");
    });
    return variants;
  }

  private static final java.util.Set<NoticeType> BEFORE_FILING = java.util.EnumSet.of(NoticeType.EMERGENCY_INTAKE,
      NoticeType.ACKNOWLEDGEMENT, NoticeType.INTAKE_DECLINED, NoticeType.DOCUMENTS_REMINDER, NoticeType.MISSING_DOCUMENTS,
      NoticeType.PAYMENT_REMINDER, NoticeType.CASE_CANCELLED, NoticeType.CONTACT_CHANGED, NoticeType.CONTACT_REPLACED,
      NoticeType.TRAVEL_DATES_CHANGED);

  private List<ComposedMail> everyEmail(String language) {
    List<ComposedMail> mails = new ArrayList<>();
    for (NoticeType type : NoticeType.values()) {
      for (Map.Entry<String, Consumer<Map<String, Object>>> variant : variants().entrySet()) {
        if (variant.getKey().startsWith("before filing") && !BEFORE_FILING.contains(type)) {
          continue; // a case with no appointment or permit yet is sent none of the others
        }
        Map<String, Object> facts = facts(language);
        variant.getValue().accept(facts);
        mails.add(composer.compose(new Notice("pi-1", "EXR-2026-0042", type, SENT, facts), language));
      }
    }
    return mails;
  }

  @Test
  void noSpanishEmailHasAnEnglishWordAShortcutOrWordingTheGlossaryRulesOut() {
    List<String> problems = new ArrayList<>();
    for (ComposedMail mail : everyEmail("es")) {
      String html = HtmlUtils.htmlUnescape(mail.html().replaceAll("(?s)<head>.*</head>", "").replaceAll("<[^>]+>", " "));
      for (String text : List.of(mail.subject(), mail.text(), html)) {
        String readable = readable(text);
        Matcher english = ENGLISH.matcher(readable);
        while (english.find()) {
          problems.add(mail.subject() + ": English \"" + english.group() + "\" in \"" + around(readable, english.start()) + "\"");
        }
        Matcher shortcut = SHORTCUT.matcher(readable);
        while (shortcut.find()) {
          problems.add(mail.subject() + ": shortcut \"" + shortcut.group() + "\" in \"" + around(readable, shortcut.start()) + "\"");
        }
        NOT_OUR_WORDING.stream().filter(text::contains).forEach(words -> problems.add(mail.subject() + ": \"" + words + "\""));
      }
    }
    assertThat(problems.stream().distinct().toList()).isEmpty();
  }

  @Test
  void noEnglishEmailWritesAPluralAsDayS() {
    List<String> problems = new ArrayList<>();
    for (ComposedMail mail : everyEmail("en")) {
      // The word list recognises English: a check that finds nothing in English would prove nothing in Spanish.
      assertThat(ENGLISH.matcher(readable(mail.text())).find()).as(mail.subject()).isTrue();
      Matcher shortcut = SHORTCUT.matcher(readable(mail.subject() + "\n" + mail.text()));
      while (shortcut.find()) {
        problems.add(mail.subject() + ": " + shortcut.group());
      }
    }
    assertThat(problems.stream().distinct().toList()).isEmpty();
  }

  @Test
  void theDaysLeftToFileAreOneDayOrSeveralDaysInBothLanguages() {
    Map<String, Object> facts = facts("es");
    // From Thursday 5 November: Friday 6 is one business day away; Tuesday 17 is seven (Monday 16 is a holiday).
    facts.put("latestRequestDate", "2026-11-06");
    assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.DOCUMENTS_REMINDER, SENT, facts), "es")
        .text()).contains("dentro de 1 día hábil.");
    assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.DOCUMENTS_REMINDER, SENT, facts), "en")
        .text()).contains("which is 1 business day from today.");
    facts.put("latestRequestDate", "2026-11-17");
    assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.DOCUMENTS_REMINDER, SENT, facts), "es")
        .text()).contains("dentro de 7 días hábiles.");
    assertThat(composer.compose(new Notice("pi-1", "EXR-2026-0042", NoticeType.DOCUMENTS_REMINDER, SENT, facts), "en")
        .text()).contains("which is 7 business days from today.");
  }

  @Test
  void everyCalendarInvitationParsesAsAnEventAndSpeaksTheClientsLanguage() throws Exception {
    for (String language : List.of("en", "es")) {
      int invitations = 0;
      for (ComposedMail mail : everyEmail(language)) {
        for (ComposedMail.Attachment attachment : mail.attachments()) {
          if (!attachment.fileName().endsWith(".ics")) {
            continue;
          }
          invitations++;
          Calendar calendar = new CalendarBuilder().build(new ByteArrayInputStream(attachment.content()));
          VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
          assertThat(new String(attachment.content(), java.nio.charset.StandardCharsets.UTF_8))
              .as(attachment.fileName()).startsWith("BEGIN:VCALENDAR");
          assertThat(event.<Property>getProperty(Property.DTSTART)).as(attachment.fileName()).isPresent();
          assertThat(event.<Property>getProperty(Property.UID).map(Property::getValue)).as(attachment.fileName())
              .hasValueSatisfying(uid -> assertThat(uid).isNotBlank());
          String summary = event.<Property>getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
          String description = event.<Property>getProperty(Property.DESCRIPTION).map(Property::getValue).orElse("");
          assertThat(summary).as(attachment.fileName()).isNotBlank();
          if (language.equals("es")) {
            for (String text : List.of(summary, description)) {
              assertThat(ENGLISH.matcher(readable(text)).results().map(m -> m.group()).toList())
                  .as(attachment.fileName() + ": " + text).isEmpty();
              assertThat(NOT_OUR_WORDING).as(text).noneMatch(text::contains);
            }
          } else {
            assertThat(summary + " " + description).as(attachment.fileName()).containsPattern("(?i)\\b(the|your|INM)\\b");
          }
        }
      }
      // The appointment, the return-by day and the hand-back day.
      assertThat(invitations).as(language).isGreaterThanOrEqualTo(3);
    }
  }

  /** The text less what is not prose: addresses, links and the proper names staff tools use. */
  private static String readable(String text) {
    String readable = text.replaceAll("https?://\\S+", " ").replaceAll("[\\w.+-]+@[\\w.-]+", " ");
    for (String name : PROPER_NAMES) {
      readable = readable.replace(name, " ");
    }
    return readable;
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)).replace('\n', ' ');
  }
}
