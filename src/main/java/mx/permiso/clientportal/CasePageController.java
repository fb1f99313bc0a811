package mx.permiso.clientportal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import mx.permiso.config.ClientLanguageResolver;
import mx.permiso.documents.RejectedDocumentException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The client's personal case page, reached by the secret link in every email: where the case
 * stands, the dates that matter, the documents to upload, and what the client can tell us now.
 * It answers only to a live link, and only about that link's case; every change comes back to
 * the page (Post/Redirect/Get) with a word of thanks, or is shown again with the reason.
 */
@Controller
public class CasePageController {

  /** Words of thanks the page may show after a change ({@code ?done=}). */
  private static final Set<String> DONE = Set.of("uploaded", "DocumentsSubmitted", "DepartureConfirmed",
      "ReentryConfirmed", "PermitReturned");

  private final ClientCases cases;
  private final LocaleResolver languages;
  private final MessageSource messages;

  public CasePageController(ClientCases cases, LocaleResolver languages, MessageSource messages) {
    this.cases = cases;
    this.languages = languages;
    this.messages = messages;
  }

  @GetMapping("/c/{token}")
  public String casePage(@PathVariable String token, @RequestParam(required = false) String done, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    ClientCases.OpenCase open = open(token);
    if (done != null && DONE.contains(done)) {
      model.addAttribute("done", "case.done." + done);
    }
    return page(open, token, model, request, response);
  }

  @PostMapping("/c/{token}/documents")
  public String upload(@PathVariable String token, @RequestParam(required = false) String kind,
      @RequestParam(required = false) MultipartFile file, Model model, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    ClientCases.OpenCase open = open(token);
    try {
      if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
        throw new RejectedDocumentException("file", "document.error.missing");
      }
      cases.upload(open, kind, file.getOriginalFilename(), file.getBytes());
    } catch (RejectedDocumentException e) {
      return refused(open, token, new Problem(kind, e.field(), e.reason(messages, locale(open, request, response))),
          HttpStatus.BAD_REQUEST, model, request, response);
    } catch (ClientRequestException e) {
      return refused(open, token, new Problem(kind, e.field(), text(e, open, request, response)), e.status(), model,
          request, response);
    }
    return "redirect:/c/" + token + "?done=uploaded" + switched(request) + "#documents";
  }

  @PostMapping("/c/{token}/actions/{message}")
  public String act(@PathVariable String token, @PathVariable String message,
      @RequestParam(required = false) String date, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    ClientCases.OpenCase open = open(token);
    ClientAction action = ClientAction.byMessage(message)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    try {
      cases.act(open, action, date);
    } catch (ClientRequestException e) {
      return refused(open, token, new Problem(message, e.field(), text(e, open, request, response)), e.status(), model,
          request, response);
    }
    return "redirect:/c/" + token + "?done=" + action.message() + switched(request);
  }

  private ClientCases.OpenCase open(String token) {
    return cases.open(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private String refused(ClientCases.OpenCase open, String token, Problem problem, HttpStatus status, Model model,
      HttpServletRequest request, HttpServletResponse response) {
    response.setStatus(status.value());
    model.addAttribute("problem", problem);
    return page(open, token, model, request, response);
  }

  private String page(ClientCases.OpenCase open, String token, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    Locale locale = locale(open, request, response);
    model.addAttribute("token", token);
    model.addAttribute("case", cases.view(open, locale));
    model.addAttribute("switchLanguage", "es".equals(locale.getLanguage()) ? "en" : "es");
    // A language the client switched to stays with the page's forms and the page after them.
    model.addAttribute("lang", request.getParameter("lang") == null ? null : locale.getLanguage());
    return "case";
  }

  private static String switched(HttpServletRequest request) {
    String lang = request.getParameter("lang");
    return lang == null ? "" : "&lang=" + ClientLanguageResolver.of(lang).getLanguage();
  }

  /** The client's language, unless they switched the page to the other one. */
  private Locale locale(ClientCases.OpenCase open, HttpServletRequest request, HttpServletResponse response) {
    String switched = request.getParameter("lang");
    Locale locale = ClientLanguageResolver.of(switched != null ? switched : open.language());
    languages.setLocale(request, response, locale);
    return locale;
  }

  private String text(ClientRequestException e, ClientCases.OpenCase open, HttpServletRequest request,
      HttpServletResponse response) {
    return messages.getMessage(e.code(), null, locale(open, request, response));
  }

  /**
   * Why a change was refused, shown next to what it concerns.
   *
   * @param about the document kind or the action (message name) the client used
   * @param field the field at fault, if one is
   */
  public record Problem(String about, String field, String message) {
  }
}
