package mx.permiso.clientportal;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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

  private final ClientLinks links;
  private final HistoryService history;

  public CasePageController(ClientLinks links, HistoryService history) {
    this.links = links;
    this.history = history;
  }

  @GetMapping("/c/{token}")
  public String casePage(@PathVariable String token, Model model) {
    String caseNumber = links.caseFor(token)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This link does not open any case."));
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).orderByProcessInstanceStartTime().desc().listPage(0, 1)
        .stream().findFirst()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "This link does not open any case."));
    Map<String, Object> variables = new java.util.HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableNameIn("clientName", "language", "departureDate",
            "latestRequestDate", "returnByDate", "permitReturnDueDate").list()) {
      variables.put(variable.getName(), variable.getValue());
    }
    model.addAttribute("caseNumber", caseNumber);
    model.addAttribute("spanish", "es".equals(variables.get("language")));
    model.addAttribute("clientName", variables.get("clientName"));
    model.addAttribute("departureDate", variables.get("departureDate"));
    model.addAttribute("latestRequestDate", variables.get("latestRequestDate"));
    model.addAttribute("returnByDate", variables.get("returnByDate"));
    model.addAttribute("permitReturnDueDate", variables.get("permitReturnDueDate"));
    return "case";
  }
}
