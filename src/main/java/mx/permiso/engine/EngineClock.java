package mx.permiso.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The application's clock reads the engine's, so the dates the domain computes and the moments
 * at which the engine fires timers always agree; tests move both by moving the engine clock.
 */
public final class EngineClock extends Clock {

  private final ZoneId zone;

  public EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.now().toInstant();
  }
}
