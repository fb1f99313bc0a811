package mx.permiso.clientportal;

import java.util.List;
import java.util.Set;
import mx.permiso.cases.CasePhase;

/**
 * The case page's content, in the client's words: where the case stands, the dates that
 * matter, the documents and what the client can tell us now.
 *
 * @param timeline every phase, in order, with where the case stands
 * @param dates the dates known so far, written out
 * @param uploadsOpen whether the client can upload documents now: from the intake until they tell us all are uploaded
 * @param checklist the documents the case needs and what was uploaded for each
 * @param missing the documents with nothing uploaded yet, in words
 * @param actions what the process waits to hear from the client (message names)
 * @param today the business day today, the latest date the client may report ({@code yyyy-MM-dd})
 * @param firm how to reach the firm
 * @param payment what to pay and how, while the payment is pending; null after
 */
public record ClientCaseView(
    String caseNumber,
    String clientName,
    List<Step> timeline,
    List<DateLine> dates,
    boolean uploadsOpen,
    String maxFileSize,
    List<ChecklistItem> checklist,
    List<String> missing,
    Set<String> actions,
    String today,
    Firm firm,
    Payment payment) {

  /** The firm's phone, email and office hours in the client's language; each null when the firm has not set it. */
  public record Firm(String phone, String email, String officeHours) {
  }

  /**
   * @param fees the fees sentence of the acknowledgement
   * @param instructions how to pay, line by line; empty when the firm has not set it
   */
  public record Payment(String fees, List<String> instructions) {
  }

  /** Whether staff are still reviewing the request: uploads are open, but there is nothing to tell us yet. */
  public boolean inReview() {
    return timeline.stream().anyMatch(step -> step.phase() == CasePhase.REVIEW && "current".equals(step.state()));
  }

  /** A phase and where the case stands against it: {@code done}, {@code current} or {@code upcoming}. */
  public record Step(CasePhase phase, String state) {
  }

  /** A date that matters: the message code of its label and the date in words. */
  public record DateLine(String label, String text) {
  }

  /** A document the case needs: its code, its name in the client's words, and the files received for it. */
  public record ChecklistItem(String kind, String name, List<String> files) {
  }
}
