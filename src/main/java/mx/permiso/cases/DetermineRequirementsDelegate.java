package mx.permiso.cases;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mx.permiso.deadlines.Deadlines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code permit-requirements} (the version deployed with this process) for the case's
 * scenario and fixes the documents, fees and the last day to request the permit.
 */
@Component("determineRequirementsDelegate")
public class DetermineRequirementsDelegate implements JavaDelegate {

  private final Deadlines deadlines;
  private final Fees fees;
  private final DocumentKindNames documentNames;
  /** A deployed model never changes: the decision of each process version is looked up once. */
  private final Map<String, String> decisionByProcessDefinition = new ConcurrentHashMap<>();

  public DetermineRequirementsDelegate(Deadlines deadlines, Fees fees, DocumentKindNames documentNames) {
    this.deadlines = deadlines;
    this.fees = fees;
    this.documentNames = documentNames;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseFacts facts = CaseFacts.of(execution::getVariable, SCENARIO, DEPARTURE_DATE, PLANNED_RETURN_DATE);
    String scenario = facts.scenario().map(Scenario::name).orElse(null);
    String decisionId = decisionByProcessDefinition.computeIfAbsent(execution.getProcessDefinitionId(),
        processDefinitionId -> decisionDeployedWith(execution, processDefinitionId));
    PermitRequirements requirements = PermitRequirements.fromDecision(scenario,
        execution.getProcessEngineServices().getDecisionService()
            .evaluateDecisionTableById(decisionId, Variables.putValue(SCENARIO, scenario))
            .getSingleResult());
    IntakePlan plan = IntakePlan.of(deadlines, fees, scenario, requirements,
        facts.requiredDate(DEPARTURE_DATE));

    execution.setVariable(REQUIRED_DOCUMENTS, requirements.documentsAsText());
    execution.setVariable(MISSING_DOCUMENTS, requirements.documentsAsText());
    // Forms show the documents by the names staff know them by, never by their codes.
    execution.setVariable(REQUIRED_DOCUMENT_NAMES, documentNames.markdown(requirements.documentsAsText(), ""));
    execution.setVariable(MISSING_DOCUMENT_NAMES, documentNames.markdown(requirements.documentsAsText(), ""));
    execution.setVariable(LEAD_TIME_DAYS, requirements.leadTimeDays());
    // An unset firm fee stays unset: the client is told the firm will confirm it, never a made-up figure.
    if (plan.firmFeeMxn() != null) {
      execution.setVariable(FIRM_FEE_MXN, plan.firmFeeMxn());
    }
    execution.setVariable(INM_FEE_MXN, plan.inmFee().mxn());
    execution.setVariable(INM_FEE_YEAR, plan.inmFee().year());
    execution.setVariable(INTAKE_DATE, plan.intakeDate().toString());
    execution.setVariable(LATEST_REQUEST_DATE, plan.latestRequestDate().toString());
    execution.setVariable(LEAD_TIME_MET, plan.leadTimeMet());
    execution.setVariables(TripLength.variables(deadlines, facts));
  }

  private static String decisionDeployedWith(DelegateExecution execution, String processDefinitionId) {
    RepositoryService repository = execution.getProcessEngineServices().getRepositoryService();
    String deploymentId = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
    DecisionDefinition decision = repository.createDecisionDefinitionQuery()
        .deploymentId(deploymentId)
        .decisionDefinitionKey(ExitReentryPermitProcess.DECISION_PERMIT_REQUIREMENTS)
        .singleResult();
    return decision.getId();
  }
}
