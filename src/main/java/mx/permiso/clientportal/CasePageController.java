package mx.permiso.clientportal;

import java.util.List;
import mx.permiso.cases.CaseRecords;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The client's personal case page, reached by the secret link in every email. It answers only
 * to a live link, and shows only that link's case.
 */
@Controller
public class CasePageController {

  private static final List<String> SHOWN = List.of("clientName", "language", "departureDate", "latestRequestDate",
      "returnByDate", "permitReturnDueDate");

  private final ClientLinks links;
  private final CaseRecords cases;

  public CasePageController(ClientLinks links, CaseRecords cases) {
    this.links = links;
    this.cases = cases;
  }

  @GetMapping("/c/{token}")
  public String casePage(@PathVariable String token, Model model) {
    CaseRecords.CaseRecord record = links.caseFor(token)
        .flatMap(caseNumber -> cases.find(caseNumber, SHOWN))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This link does not open any case."));
    model.addAttribute("caseNumber", record.caseNumber());
    model.addAttribute("spanish", "es".equals(record.variables().get("language")));
    model.addAllAttributes(record.variables());
    return "case";
  }
}
