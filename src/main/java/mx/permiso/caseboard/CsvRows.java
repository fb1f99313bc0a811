package mx.permiso.caseboard;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The board as CSV (RFC 4180), safe to open in a spreadsheet. */
final class CsvRows {

  static final String HEADER = line(Stream.of("case number", "client", "scenario", "status", "phase",
      "next deadline", "deadline", "days left", "overdue", "open task", "task due", "assignee"));

  private CsvRows() {
  }

  static String line(CaseBoardController.BoardRow row) {
    return line(Stream.of(row.caseNumber(), row.clientName(), row.scenario(), row.status().name(),
        row.phase().name(), row.nextDeadline() == null ? "" : row.nextDeadline().toString(),
        row.deadlineKind() == null ? "" : row.deadlineKind().name(),
        row.daysLeft() == null ? "" : row.daysLeft().toString(), row.overdue() ? "yes" : "no", row.taskName(),
        row.taskDue(), row.assignee()));
  }

  private static String line(Stream<String> cells) {
    return cells.map(CsvRows::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  /**
   * A quoted cell. A value a spreadsheet would run as a formula (=, +, -, @, tab, carriage
   * return first; plain numbers aside) is prefixed with an apostrophe: client names come from a public form.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && !text.matches("-?\\d+") && List.of('=', '+', '-', '@', '\t', '\r').contains(text.charAt(0))) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
