package mx.permiso.cases;

import java.time.LocalDate;
import mx.permiso.deadlines.Deadlines;

/**
 * The dates and fees fixed when a case comes in.
 *
 * @param intakeDate the business day the case came in
 * @param latestRequestDate the last day the permit can be requested for the flight
 * @param leadTimeMet whether that day is still ahead (or today)
 * @param inmFee INM's fee that applies this year, and the year of that figure
 * @param firmFeeMxn the firm's fee for the scenario; null when the firm has not set it
 */
public record IntakePlan(LocalDate intakeDate, LocalDate latestRequestDate, boolean leadTimeMet, Fees.InmFee inmFee,
    Integer firmFeeMxn) {

  public static IntakePlan of(Deadlines deadlines, Fees fees, String scenario, PermitRequirements requirements,
      LocalDate departureDate) {
    LocalDate today = deadlines.today();
    return new IntakePlan(today,
        deadlines.latestRequestDate(departureDate, requirements.leadTimeDays()),
        deadlines.leadTimeMet(departureDate, requirements.leadTimeDays()),
        fees.inmFor(today.getYear()),
        fees.firmFor(scenario));
  }
}
