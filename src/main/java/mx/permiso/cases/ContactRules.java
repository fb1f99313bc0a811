package mx.permiso.cases;

import java.util.List;
import java.util.Locale;

/** The rules a client's contact details follow (the intake's), for changes to a running case. */
public interface ContactRules {

  /** What is wrong with the given fields (null: not given), in words for the person who sent them. */
  List<Problem> checkContact(String clientName, String clientEmail, String phone, String language, Locale locale);

  /** A field and what is wrong with it. */
  record Problem(String field, String message) {
  }
}
