package mx.permiso.cases;

/** What became of the client's flight, as staff record it on "Confirm exit stamp". */
public enum DepartureOutcome {
  /** Left Mexico with the permit stamped at the airport. */
  TRAVELLED,
  /** Travels later: the case takes the new dates and waits for the new flight. */
  POSTPONED,
  /** Will not travel on this permit: the case ends and the client is told what to do with the unused permit. */
  DID_NOT_TRAVEL;

  /** The outcome of this name; null for anything else. */
  public static DepartureOutcome of(Object name) {
    return FormValues.choice(DepartureOutcome.class, name);
  }
}
