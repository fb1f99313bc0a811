package mx.permiso.intake;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mx.permiso.deadlines.Deadlines;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public intake page ({@code /intake}), in English or Spanish: the client describes their
 * trip and situation, accepts the terms and the privacy notice, and gets a case number. Checked
 * on the server, field by field, with each message next to its field; the case starts exactly as
 * from {@code POST /api/intake}.
 */
@Controller
public class IntakePageController {

  /** Where the summary's link of an error that is no field's leads: the form itself. */
  private static final String BUSY = "intake-form";

  private final IntakeService intake;
  private final Deadlines deadlines;
  private final MessageSource messages;

  public IntakePageController(IntakeService intake, Deadlines deadlines, MessageSource messages) {
    this.intake = intake;
    this.deadlines = deadlines;
    this.messages = messages;
  }

  @GetMapping("/intake")
  public String form(Model model, Locale locale) {
    IntakeRequest empty = new IntakeRequest(null, null, null, locale.getLanguage(), null, null, null, null, null, null,
        null, null, null);
    return page(empty, Map.of(), model, locale);
  }

  @PostMapping("/intake")
  public String submit(@ModelAttribute("intake") IntakeRequest request, BindingResult binding, Model model,
      Locale locale, HttpServletResponse response) {
    Map<String, String> errors = new LinkedHashMap<>();
    binding.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
        messages.getMessage("intake.error.field.wrongType", null, locale)));
    if (errors.isEmpty()) {
      try {
        String caseNumber = intake.submit(request, locale);
        return "redirect:/intake/received?case=" + caseNumber + "&lang=" + locale.getLanguage();
      } catch (InvalidIntakeException e) {
        e.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
      } catch (IntakeBusyException e) {
        // Nothing was stored: the form comes back as filled in, to be sent again.
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        return page(request, Map.of(BUSY, messages.getMessage("intake.error.busy", null, locale)), model, locale);
      }
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(request, errors, model, locale);
  }

  @GetMapping("/intake/received")
  public String received(@RequestParam("case") String caseNumber, Model model) {
    if (!CaseNumbers.isCaseNumber(caseNumber)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("caseNumber", caseNumber);
    return "intake-received";
  }

  private String page(IntakeRequest values, Map<String, String> errors, Model model, Locale locale) {
    model.addAttribute("intake", values);
    model.addAttribute("errors", errors);
    model.addAttribute("scenarios", IntakeValidator.SCENARIOS);
    model.addAttribute("today", deadlines.today().toString());
    model.addAttribute("lang", locale.getLanguage());
    return "intake";
  }
}
