package mx.permiso.caseboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.permiso.cases.CasePhase;

/** What the engine did to one case within one transaction, gathered from its history events. */
final class CaseChanges {

  final String processInstanceId;
  String startedCaseNumber;
  Instant startedAt;
  boolean ended;
  Instant endedAt;
  CaseStatus outcome;
  CasePhase phase;
  /** Column name to new value ({@code null} clears it). */
  final Map<String, Object> columns = new LinkedHashMap<>();
  final List<TaskChange> tasks = new ArrayList<>();

  CaseChanges(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  /** Nothing the board shows: most steps of a case only pass activities of the phase it is in. */
  boolean isEmpty() {
    return startedCaseNumber == null && !ended && outcome == null && phase == null && columns.isEmpty()
        && tasks.isEmpty();
  }

  void reached(CasePhase reached) {
    if (phase == null || reached.compareTo(phase) > 0) {
      phase = reached;
    }
  }

  /** A staff task created, changed (claimed, due date moved) or gone (completed, deleted). */
  record TaskChange(String taskId, boolean created, boolean gone, String name, String assignee, Instant dueAt,
      Instant createdAt) {
  }
}
