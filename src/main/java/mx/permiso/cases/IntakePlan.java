package mx.permiso.cases;

import java.time.LocalDate;
import mx.permiso.deadlines.Deadlines;

/**
 * The dates and fees fixed when a case comes in.
 *
 * @param intakeDate the business day the case came in
 * @param latestRequestDate the last day the permit can be requested for the flight
 * @param leadTimeMet whether that day is still ahead (or today)
 * @param inmFeeMxn INM's fee for this year
 */
public record IntakePlan(LocalDate intakeDate, LocalDate latestRequestDate, boolean leadTimeMet, int inmFeeMxn) {

  public static IntakePlan of(Deadlines deadlines, InmFees fees, PermitRequirements requirements, LocalDate departureDate) {
    LocalDate today = deadlines.today();
    return new IntakePlan(today,
        deadlines.latestRequestDate(departureDate, requirements.leadTimeDays()),
        deadlines.leadTimeMet(departureDate, requirements.leadTimeDays()),
        fees.forYear(today.getYear()));
  }
}
