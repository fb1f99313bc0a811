package mx.permiso.mail;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.APPOINTMENT_DATE;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.APPOINTMENT_TIME;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.PERMIT_RETURN_DUE_DATE;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.RETURN_BY_DATE;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.Notice;
import mx.permiso.cases.NoticeType;
import mx.permiso.deadlines.Deadlines;
import mx.permiso.deadlines.PeopleDates;
import mx.permiso.documents.DocumentNames;
import mx.permiso.firm.FirmSettings;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes a notice as an email in the client's language from the firm's templates in
 * {@code src/main/resources/mail/<language>/<NOTICE>.txt}: the first line is the subject, the
 * rest the body (blank lines separate paragraphs, lines starting with "- " make a list). The
 * HTML version is the same text in a plain page ({@link HtmlLayout}). Text is the firm's to edit;
 * text several emails share is in {@code mail/<language>/parts/}, inserted with {@code [# th:insert="~{en/parts/reentry}" /]}.
 *
 * <p>A date is only offered as a deadline while it is still ahead on the day the notice is sent (the
 * day its step ran, {@link Notice#on()}, even when the email is written later):
 * {@code requestDeadlineAhead} and {@code handBackDayAhead} tell the templates whether the last day
 * to file the request and the last day to hand the permit back are today or later.
 */
@Component
public class MailComposer {

  static final List<String> LANGUAGES = List.of("en", "es");
  /** A fact the outbox adds to a notice for the client: the link to their case page. */
  static final String CASE_LINK = "caseLink";

  private final TemplateEngine text = textEngine();
  private final FirmSettings firm;
  private final Deadlines deadlines;
  private final ZoneId zone;

  public MailComposer(FirmSettings firm, Deadlines deadlines, ZoneId businessZone) {
    this.firm = firm;
    this.deadlines = deadlines;
    this.zone = businessZone;
  }

  /** The notice as an email written now. */
  public ComposedMail compose(Notice notice, String language) {
    return compose(notice, language, deadlines.now());
  }

  /**
   * The notice as an email as it was at {@code stepTime}, the moment its step ran (ADR 015): dates
   * ahead or past are judged on {@link Notice#on()}, and the calendar files are stamped with that moment.
   */
  public ComposedMail compose(Notice notice, String language, Instant stepTime) {
    String lang = LANGUAGES.contains(language) ? language : "en";
    Locale locale = Locale.forLanguageTag(lang);
    Map<String, Object> variables = new HashMap<>(notice.facts());
    variables.put("dates", new PeopleDates(lang));
    ResourceBundle footers = bundle("footer", locale);
    String officeHours = firm.officeHours(lang);
    variables.put("officeHours", officeHours == null ? footers.getString("hoursUnset") : officeHours);
    variables.put("firmPhone", firm.phone());
    variables.put("firmEmail", firm.email());
    variables.put("paymentInstructions", firm.paymentInstructions(lang));
    CaseFacts facts = notice.caseFacts();
    variables.put("fees", facts.fees().sentence(notice.on().getYear(), lang));
    variables.put("documents", bullets(DocumentNames.describe(facts.requiredDocuments(), locale)));
    variables.put("missingList", bullets(DocumentNames.describe(facts.missingDocuments(), locale)));
    variables.put("daysLeft", daysLeft(notice.on(), facts));
    variables.put("requestDeadlineAhead", stillAhead(notice.on(), facts.latestRequestDate()));
    variables.put("handBackDayAhead", stillAhead(notice.on(), facts.permitReturnDueDate()));
    variables.put("permitReturnDays", deadlines.permitReturnDays());

    String rendered = text.process(lang + "/" + notice.type().name(), new Context(locale, variables)).strip();
    int firstBreak = rendered.indexOf('\n');
    String subject = (firstBreak < 0 ? rendered : rendered.substring(0, firstBreak)).strip();
    // A paragraph a template leaves out may leave its blank line behind: one blank line between paragraphs.
    String body = firstBreak < 0 ? "" : rendered.substring(firstBreak + 1).strip().replaceAll("\n\\s*\n(\\s*\n)+", "\n\n");

    // An alert to the firm's inbox has no phone, hours or case link: those are for the client.
    String footer = notice.type().staffOnly()
        ? MessageFormat.format(footers.getString("staff"), notice.caseNumber())
        : clientFooter(footers, notice.caseNumber(), officeHours);
    Optional<String> link = facts.text(CASE_LINK);
    if (link.isPresent()) {
      footer = MessageFormat.format(footers.getString("link"), link.get()) + "\n" + footer;
    }
    return new ComposedMail(subject, body + "\n\n-- \n" + footer, HtmlLayout.render(lang, subject, blocks(body), footer),
        attachments(notice, locale, stepTime));
  }

  /** The case number, then how to reach the firm: each line only when the firm has set what it says. */
  private String clientFooter(ResourceBundle footers, String caseNumber, String officeHours) {
    List<String> lines = new ArrayList<>();
    lines.add(MessageFormat.format(footers.getString("footer"), caseNumber));
    if (firm.phone() != null) {
      lines.add(officeHours == null ? MessageFormat.format(footers.getString("callAnyTime"), firm.phone())
          : MessageFormat.format(footers.getString("call"), firm.phone(), officeHours));
    } else if (officeHours != null) {
      lines.add(MessageFormat.format(footers.getString("hours"), officeHours));
    }
    if (firm.email() != null) {
      lines.add(MessageFormat.format(footers.getString("email"), firm.email()));
    }
    return String.join("\n", lines);
  }

  private int daysLeft(LocalDate on, CaseFacts facts) {
    return facts.latestRequestDate().map(last -> deadlines.businessDays().between(on, last)).orElse(0);
  }

  /** Whether the case's date is the day the notice is sent or later; false when the case has none. */
  private static boolean stillAhead(LocalDate on, Optional<LocalDate> day) {
    return day.filter(date -> !date.isBefore(on)).isPresent();
  }

  private List<ComposedMail.Attachment> attachments(Notice notice, Locale locale, Instant stamp) {
    ResourceBundle calendar = bundle("calendar", locale);
    CaseFacts facts = notice.caseFacts();
    String uid = notice.caseNumber() + "-" + notice.type().name().toLowerCase(Locale.ROOT) + "@permiso";
    byte[] ics = switch (notice.type()) {
      case APPOINTMENT_INSTRUCTIONS -> CalendarFiles.timedEvent(uid, stamp,
          facts.requiredDate(APPOINTMENT_DATE), facts.appointmentTime().orElseThrow(() -> CaseFacts.noValue(
              APPOINTMENT_TIME)), zone, 60, calendar.getString("appointment.summary"), facts.inmOffice().orElse(null),
          MessageFormat.format(calendar.getString("appointment.description"), notice.caseNumber()));
      case PERMIT_ISSUED -> CalendarFiles.allDayEvent(uid, stamp, facts.requiredDate(RETURN_BY_DATE),
          MessageFormat.format(calendar.getString("returnBy.summary"), notice.caseNumber()),
          calendar.getString("returnBy.description"));
      case WELCOME_BACK -> CalendarFiles.allDayEvent(uid, stamp,
          facts.requiredDate(PERMIT_RETURN_DUE_DATE),
          MessageFormat.format(calendar.getString("handBack.summary"), notice.caseNumber()),
          calendar.getString("handBack.description"));
      default -> null;
    };
    return ics == null ? List.of()
        : List.of(new ComposedMail.Attachment(notice.type() == NoticeType.APPOINTMENT_INSTRUCTIONS
            ? "inm-appointment.ics" : notice.type() == NoticeType.PERMIT_ISSUED ? "return-by.ics" : "hand-back.ics",
            "text/calendar; charset=UTF-8; method=PUBLISH", ics));
  }

  private static String bullets(List<String> items) {
    return items.stream().map(item -> "- " + item).collect(Collectors.joining("\n"));
  }

  /** Paragraphs and lists of the body, for the HTML layout. */
  static List<Block> blocks(String body) {
    List<Block> blocks = new ArrayList<>();
    for (String paragraph : body.split("\\n\\s*\\n")) {
      List<String> lines = paragraph.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
      if (lines.isEmpty()) {
        continue;
      }
      boolean list = lines.stream().allMatch(line -> line.startsWith("- "));
      blocks.add(new Block(list, list ? lines.stream().map(line -> line.substring(2)).toList() : lines));
    }
    return blocks;
  }

  /** A paragraph, or a bulleted list when {@code list}. */
  public record Block(boolean list, List<String> lines) {
  }

  private static ResourceBundle bundle(String name, Locale locale) {
    return ResourceBundle.getBundle("mail/" + name, locale, ResourceBundle.Control.getNoFallbackControl(
        ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static TemplateEngine textEngine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("mail/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    // Expressions compiled to bytecode once warm (falling back to interpretation where they cannot be):
    // every step that writes to a client renders one.
    engine.setEnableSpringELCompiler(true);
    return engine;
  }
}
