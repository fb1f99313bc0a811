package mx.permiso.documents;

import mx.permiso.cases.ExitReentryPermitProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Puts the client's uploaded documents, as links, on the verification task, where its form
 * shows them (task variable {@code uploadedDocuments}).
 */
@Component("listUploadedDocumentsListener")
public class ListUploadedDocumentsListener implements TaskListener {

  private final StaffDocumentList documents;

  public ListUploadedDocumentsListener(StaffDocumentList documents) {
    this.documents = documents;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariableLocal(ExitReentryPermitProcess.Variables.UPLOADED_DOCUMENTS,
        documents.markdown((String) task.getVariable(ExitReentryPermitProcess.Variables.CASE_NUMBER)));
  }
}
