package mx.permiso.cases;

/** The names staff know the document kinds by, for the forms a case shows them (kept with the documents). */
public interface DocumentKindNames {

  /** The kinds (comma-separated codes) as a Markdown list of their names; {@code none} when there are none. */
  String markdown(String commaSeparated, String none);
}
