package mx.permiso.documents;

import static mx.permiso.cases.ExitReentryPermitProcess.Variables.REQUIRED_DOCUMENTS;
import static mx.permiso.cases.ExitReentryPermitProcess.Variables.UPLOADED_DOCUMENTS;

import java.util.ArrayList;
import java.util.List;
import mx.permiso.cases.AuditLog;
import mx.permiso.cases.CaseFacts;
import mx.permiso.cases.RunningCases;
import mx.permiso.cases.ExitReentryPermitProcess;
import mx.permiso.cases.StaffActionRefused;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Documents staff attach to a running case: the INM paperwork they prepare, and any document the
 * case requires (decided by {@code permit-requirements}) that the client emailed or brought in.
 * Those count as the client's: on the client's checklist and in the verification task, whose list
 * is refreshed when the task is open. Each attachment is audited under the staff member's name.
 */
@Service
public class StaffDocuments {

  public static final String INM_PAPERWORK = "INM_PAPERWORK";
  /** INM's receipt for the permit handed back: what proves the hand-back when staff confirm it. */
  public static final String INM_RECEIPT = "INM_RECEIPT";
  static final String AUDIT_ACTION = "DocumentAttached";

  private final DocumentStore documents;
  private final StaffDocumentList list;
  private final RunningCases running;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final AuditLog audit;

  public StaffDocuments(DocumentStore documents, StaffDocumentList list, RunningCases running,
      RuntimeService runtime, TaskService tasks, AuditLog audit) {
    this.documents = documents;
    this.list = list;
    this.running = running;
    this.runtime = runtime;
    this.tasks = tasks;
    this.audit = audit;
  }

  /** The kinds staff may attach to the case now: what it requires, then the INM paperwork and receipt; none once it has ended. */
  public List<String> kindsFor(String caseNumber) {
    try {
      return running.find(caseNumber).map(instance -> kinds(instance.getId())).orElse(List.of());
    } catch (NotFoundException | NullValueException endedMeanwhile) {
      return List.of();
    }
  }

  /**
   * Keeps the document under the staff member's name, audited.
   *
   * @throws StaffActionRefused 404 unknown case, 409 ended case, 400 a kind the case does not take (field
   *     {@code kind})
   * @throws RejectedDocumentException 400 for an empty, too large or unaccepted file (field {@code file})
   */
  @Transactional
  public DocumentStore.StoredDocument attach(String caseNumber, String kind, String fileName, byte[] content,
      String actor) {
    String instanceId = running.require(caseNumber).getId();
    List<String> allowed = kinds(instanceId);
    if (kind == null || !allowed.contains(kind)) {
      throw new StaffActionRefused(HttpStatus.BAD_REQUEST, "kind", "document.error.notRequired",
          String.join(", ", allowed));
    }
    DocumentStore.StoredDocument stored = documents.store(caseNumber, kind, fileName, content, actor);
    audit.record(caseNumber, actor, AUDIT_ACTION, kind + " " + stored.fileName());
    if (!StaffDocumentController.STAFF_KINDS.contains(kind)) {
      // The verification task lists the client's documents when it opens; one attached meanwhile joins the list.
      for (Task open : tasks.createTaskQuery().processInstanceId(instanceId)
          .taskDefinitionKey(ExitReentryPermitProcess.Elements.USER_TASK_VERIFY_DOCUMENTS).list()) {
        tasks.setVariableLocal(open.getId(), UPLOADED_DOCUMENTS, list.markdown(caseNumber));
      }
    }
    return stored;
  }

  private List<String> kinds(String instanceId) {
    List<String> kinds = new ArrayList<>(CaseFacts.of(runtime.getVariables(instanceId,
        List.of(REQUIRED_DOCUMENTS))).requiredDocuments());
    kinds.add(INM_PAPERWORK);
    kinds.add(INM_RECEIPT);
    return kinds;
  }
}
