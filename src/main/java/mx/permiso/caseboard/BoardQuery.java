package mx.permiso.caseboard;

import mx.permiso.cases.CasePhase;

/**
 * What the board is asked for: cases with this status (open by default), optionally in one
 * phase, of one scenario, overdue only, or matching a search (a case number's start or part of
 * the client's name, accents and case ignored); page {@code page} (from 0) of {@code size} rows.
 */
public record BoardQuery(CaseStatus status, CasePhase phase, String scenario, boolean overdue, String search,
                         int page, int size) {

  public BoardQuery {
    status = status == null ? CaseStatus.OPEN : status;
    search = search == null || search.isBlank() ? null : search.strip();
    page = Math.max(page, 0);
  }

  public static BoardQuery openCases(int size) {
    return new BoardQuery(CaseStatus.OPEN, null, null, false, null, 0, size);
  }
}
